import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Side`.
    public enum Side: WireEnum {
        case unspecified, buy, sell
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .buy
            case 2: self = .sell
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .buy: 1
            case .sell: 2
            case .unrecognized(let value): value
            }
        }
    }
}
