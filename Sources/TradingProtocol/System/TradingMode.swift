import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.TradingMode`.
    public enum TradingMode: WireEnum {
        case unspecified, paper, live, replay
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .paper
            case 2: self = .live
            case 3: self = .replay
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .paper: 1
            case .live: 2
            case .replay: 3
            case .unrecognized(let value): value
            }
        }
    }
}
