import TradingModel
import WireFormat

extension TradebotV1.TimeInForce {
    public init(_ tif: TradingModel.TimeInForce) {
        switch tif {
        case .gtc: self = .gtc
        case .ioc: self = .ioc
        case .fok: self = .fok
        case .day: self = .day
        }
    }

    /// The domain time in force; TIME_IN_FORCE_UNSPECIFIED means GTC (the documented default).
    public func domain(field: String = "time_in_force") throws(WireDecodingError) -> TradingModel.TimeInForce {
        switch self {
        case .gtc, .unspecified: return .gtc
        case .ioc: return .ioc
        case .fok: return .fok
        case .day: return .day
        case .unrecognized(let value): throw .invalidValue(field: field, reason: "unknown time in force \(value)")
        }
    }
}
