import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.WhoAmIResponse`.
    public struct WhoAmIResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.WhoAmIResponse"
        public var principal: Principal?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &principal)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, principal)
            e.appendUnknownFields(unknownFields)
        }
    }
}
