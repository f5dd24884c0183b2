import TradingModel
import WireFormat

extension TradebotV1.Side {
    public init(_ side: OrderSide) {
        self = side == .buy ? .buy : .sell
    }

    /// The domain side; SIDE_UNSPECIFIED or an unknown value is an error naming `field`.
    public func domain(field: String = "side") throws(WireDecodingError) -> OrderSide {
        switch self {
        case .buy: return .buy
        case .sell: return .sell
        case .unspecified: throw .invalidValue(field: field, reason: "side is required")
        case .unrecognized(let value): throw .invalidValue(field: field, reason: "unknown side \(value)")
        }
    }
}
