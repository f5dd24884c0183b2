import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CircuitBreakerReset`. `resetBy` is "rule" or the admin's username.
    public struct CircuitBreakerReset: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CircuitBreakerReset"
        public var name = ""
        public var scope = ""
        public var resetBy = ""
        public var reason = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &name)
            case 2: try d.decodeString(tag, into: &scope)
            case 3: try d.decodeString(tag, into: &resetBy)
            case 4: try d.decodeString(tag, into: &reason)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, name)
            e.encodeString(2, scope)
            e.encodeString(3, resetBy)
            e.encodeString(4, reason)
            e.appendUnknownFields(unknownFields)
        }
    }
}
