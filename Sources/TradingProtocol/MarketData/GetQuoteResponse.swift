import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetQuoteResponse`.
    public struct GetQuoteResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetQuoteResponse"
        public var quote: Quote?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &quote)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, quote)
            e.appendUnknownFields(unknownFields)
        }
    }
}
