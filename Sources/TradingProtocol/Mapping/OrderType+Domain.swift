import TradingModel
import WireFormat

extension TradebotV1.OrderType {
    public init(_ type: TradingModel.OrderType) {
        switch type {
        case .market: self = .market
        case .limit: self = .limit
        case .stop: self = .stop
        case .stopLimit: self = .stopLimit
        case .trailingStop: self = .trailingStop
        }
    }

    /// The domain order type; unspecified or unknown values are an error naming `field`.
    public func domain(field: String = "type") throws(WireDecodingError) -> TradingModel.OrderType {
        switch self {
        case .market: return .market
        case .limit: return .limit
        case .stop: return .stop
        case .stopLimit: return .stopLimit
        case .trailingStop: return .trailingStop
        case .unspecified: throw .invalidValue(field: field, reason: "order type is required")
        case .unrecognized(let value): throw .invalidValue(field: field, reason: "unknown order type \(value)")
        }
    }
}
