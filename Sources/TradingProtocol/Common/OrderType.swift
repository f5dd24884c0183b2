import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.OrderType`.
    public enum OrderType: WireEnum {
        case unspecified, market, limit, stop, stopLimit, trailingStop
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .market
            case 2: self = .limit
            case 3: self = .stop
            case 4: self = .stopLimit
            case 5: self = .trailingStop
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .market: 1
            case .limit: 2
            case .stop: 3
            case .stopLimit: 4
            case .trailingStop: 5
            case .unrecognized(let value): value
            }
        }
    }
}
