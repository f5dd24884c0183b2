import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.OrderStatus`.
    public enum OrderStatus: WireEnum {
        case unspecified, pendingNew, accepted, partiallyFilled, filled, rejected, pendingCancel
        case cancelled, expired
        /// Sent to the broker; outcome not confirmed within the timeout (`ORDER_STATUS_UNKNOWN`).
        case unknown
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .pendingNew
            case 2: self = .accepted
            case 3: self = .partiallyFilled
            case 4: self = .filled
            case 5: self = .rejected
            case 6: self = .pendingCancel
            case 7: self = .cancelled
            case 8: self = .expired
            case 9: self = .unknown
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .pendingNew: 1
            case .accepted: 2
            case .partiallyFilled: 3
            case .filled: 4
            case .rejected: 5
            case .pendingCancel: 6
            case .cancelled: 7
            case .expired: 8
            case .unknown: 9
            case .unrecognized(let value): value
            }
        }
    }
}
