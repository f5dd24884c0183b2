import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.PositionEvent`: one change of one position on the position stream.
    public struct PositionEvent: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.PositionEvent"
        /// Monotonic per position stream, starting at 1.
        public var sequence: UInt64 = 0
        public var kind = Kind.unspecified
        public var position: Position?
        public var time: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: sequence = try d.decodeUInt64(tag)
            case 2: kind = try d.decodeEnum(tag)
            case 3: try d.decodeMessage(tag, into: &position)
            case 4: try d.decodeMessage(tag, into: &time)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeUInt64(1, sequence)
            e.encodeEnum(2, kind)
            e.encodeMessage(3, position)
            e.encodeMessage(4, time)
            e.appendUnknownFields(unknownFields)
        }

        /// `tradebot.v1.PositionEvent.Kind`.
        public enum Kind: WireEnum {
            case unspecified, snapshot, opened, updated, closed
            /// A value from a newer schema, kept so it survives re-encoding.
            case unrecognized(Int32)

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unspecified
                case 1: self = .snapshot
                case 2: self = .opened
                case 3: self = .updated
                case 4: self = .closed
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unspecified: 0
                case .snapshot: 1
                case .opened: 2
                case .updated: 3
                case .closed: 4
                case .unrecognized(let value): value
                }
            }
        }
    }
}
