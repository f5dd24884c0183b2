import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Role`: admin > trader > observer.
    public enum Role: WireEnum {
        case unspecified, admin, trader, observer
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .admin
            case 2: self = .trader
            case 3: self = .observer
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .admin: 1
            case .trader: 2
            case .observer: 3
            case .unrecognized(let value): value
            }
        }
    }
}
