import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.TradingState`: ACTIVE, REDUCING (exposure-reducing orders only), HALTED (cancels only).
    public enum TradingState: WireEnum {
        case unspecified, active, reducing, halted
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .active
            case 2: self = .reducing
            case 3: self = .halted
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .active: 1
            case .reducing: 2
            case .halted: 3
            case .unrecognized(let value): value
            }
        }
    }
}
