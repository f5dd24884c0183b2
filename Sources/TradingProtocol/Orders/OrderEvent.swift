import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.OrderEvent`: one change of one order on the order stream.
    public struct OrderEvent: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.OrderEvent"
        /// Monotonic per order stream, starting at 1.
        public var sequence: UInt64 = 0
        public var kind = Kind.unspecified
        public var order: Order?
        public var time: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: sequence = try d.decodeUInt64(tag)
            case 2: kind = try d.decodeEnum(tag)
            case 3: try d.decodeMessage(tag, into: &order)
            case 4: try d.decodeMessage(tag, into: &time)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeUInt64(1, sequence)
            e.encodeEnum(2, kind)
            e.encodeMessage(3, order)
            e.encodeMessage(4, time)
            e.appendUnknownFields(unknownFields)
        }

        /// `tradebot.v1.OrderEvent.Kind`.
        public enum Kind: WireEnum {
            /// `snapshot`: part of the initial snapshot; `sequence` is the stream position it reflects.
            case unspecified, snapshot, submitted, accepted, rejected, partiallyFilled, filled
            case pendingCancel, cancelled, replaced, expired, fillTimeout, statusUnknown
            /// A value from a newer schema, kept so it survives re-encoding.
            case unrecognized(Int32)

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unspecified
                case 1: self = .snapshot
                case 2: self = .submitted
                case 3: self = .accepted
                case 4: self = .rejected
                case 5: self = .partiallyFilled
                case 6: self = .filled
                case 7: self = .pendingCancel
                case 8: self = .cancelled
                case 9: self = .replaced
                case 10: self = .expired
                case 11: self = .fillTimeout
                case 12: self = .statusUnknown
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unspecified: 0
                case .snapshot: 1
                case .submitted: 2
                case .accepted: 3
                case .rejected: 4
                case .partiallyFilled: 5
                case .filled: 6
                case .pendingCancel: 7
                case .cancelled: 8
                case .replaced: 9
                case .expired: 10
                case .fillTimeout: 11
                case .statusUnknown: 12
                case .unrecognized(let value): value
                }
            }
        }
    }
}
