import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ComponentState`.
    public enum ComponentState: WireEnum {
        case unspecified, ok, degraded, down
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .ok
            case 2: self = .degraded
            case 3: self = .down
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .ok: 1
            case .degraded: 2
            case .down: 3
            case .unrecognized(let value): value
            }
        }
    }
}
