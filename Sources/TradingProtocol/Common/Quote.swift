import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Quote`: top of book and last trade.
    public struct Quote: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Quote"
        public var symbol = ""
        public var bid = ""
        public var ask = ""
        public var bidSize = ""
        public var askSize = ""
        public var last = ""
        public var time: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &symbol)
            case 2: try d.decodeString(tag, into: &bid)
            case 3: try d.decodeString(tag, into: &ask)
            case 4: try d.decodeString(tag, into: &bidSize)
            case 5: try d.decodeString(tag, into: &askSize)
            case 6: try d.decodeString(tag, into: &last)
            case 7: try d.decodeMessage(tag, into: &time)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, symbol)
            e.encodeString(2, bid)
            e.encodeString(3, ask)
            e.encodeString(4, bidSize)
            e.encodeString(5, askSize)
            e.encodeString(6, last)
            e.encodeMessage(7, time)
            e.appendUnknownFields(unknownFields)
        }
    }
}
