import TradingModel
import WireFormat

extension TradebotV1.TradingState {
    public init(_ state: TradingModel.TradingState) {
        switch state {
        case .active: self = .active
        case .reducing: self = .reducing
        case .halted: self = .halted
        }
    }

    /// The domain trading state; unspecified or unknown values are an error naming `field`.
    public func domain(field: String = "state") throws(WireDecodingError) -> TradingModel.TradingState {
        switch self {
        case .active: return .active
        case .reducing: return .reducing
        case .halted: return .halted
        case .unspecified: throw .invalidValue(field: field, reason: "trading state is required")
        case .unrecognized(let value): throw .invalidValue(field: field, reason: "unknown trading state \(value)")
        }
    }
}
