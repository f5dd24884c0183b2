import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SignalDirection`; `flat` closes any position in the symbol.
    public enum SignalDirection: WireEnum {
        case unspecified, long, short, flat
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .long
            case 2: self = .short
            case 3: self = .flat
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .long: 1
            case .short: 2
            case .flat: 3
            case .unrecognized(let value): value
            }
        }
    }
}
