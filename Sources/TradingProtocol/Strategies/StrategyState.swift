import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.StrategyState`.
    public enum StrategyState: WireEnum {
        case unspecified, running, stopped, failed
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .running
            case 2: self = .stopped
            case 3: self = .failed
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .running: 1
            case .stopped: 2
            case .failed: 3
            case .unrecognized(let value): value
            }
        }
    }
}
