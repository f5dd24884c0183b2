import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ResumeRequest`: back to ACTIVE in a scope ("" = everything).
    public struct ResumeRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ResumeRequest"
        public var reason = ""
        public var symbol = ""
        public var resetCircuitBreakers = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &reason)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: resetCircuitBreakers = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, reason)
            e.encodeString(2, symbol)
            e.encodeBool(3, resetCircuitBreakers)
            e.appendUnknownFields(unknownFields)
        }
    }
}
