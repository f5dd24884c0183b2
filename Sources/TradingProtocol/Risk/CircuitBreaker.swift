import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CircuitBreaker`. `scope` is a symbol, or "" for the whole account;
    /// `resetsAt` is nil when only an admin can reset it.
    public struct CircuitBreaker: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CircuitBreaker"
        public var name = ""
        public var kind = CircuitBreakerKind.unspecified
        public var scope = ""
        public var tripped = false
        public var reason = ""
        public var trippedAt: Timestamp?
        public var resetsAt: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &name)
            case 2: kind = try d.decodeEnum(tag)
            case 3: try d.decodeString(tag, into: &scope)
            case 4: tripped = try d.decodeBool(tag)
            case 5: try d.decodeString(tag, into: &reason)
            case 6: try d.decodeMessage(tag, into: &trippedAt)
            case 7: try d.decodeMessage(tag, into: &resetsAt)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, name)
            e.encodeEnum(2, kind)
            e.encodeString(3, scope)
            e.encodeBool(4, tripped)
            e.encodeString(5, reason)
            e.encodeMessage(6, trippedAt)
            e.encodeMessage(7, resetsAt)
            e.appendUnknownFields(unknownFields)
        }
    }
}
