import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.PrincipalKind`: a human user or a service account's API token.
    public enum PrincipalKind: WireEnum {
        case unspecified, user, apiToken
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .user
            case 2: self = .apiToken
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .user: 1
            case .apiToken: 2
            case .unrecognized(let value): value
            }
        }
    }
}
