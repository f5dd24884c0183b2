import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.TimeInForce`.
    public enum TimeInForce: WireEnum {
        case unspecified, gtc, ioc, fok, day
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .gtc
            case 2: self = .ioc
            case 3: self = .fok
            case 4: self = .day
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .gtc: 1
            case .ioc: 2
            case .fok: 3
            case .day: 4
            case .unrecognized(let value): value
            }
        }
    }
}
