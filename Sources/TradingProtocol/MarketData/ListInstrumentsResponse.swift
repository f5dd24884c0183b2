import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListInstrumentsResponse`.
    public struct ListInstrumentsResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListInstrumentsResponse"
        public var instruments: [Instrument] = []
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeRepeatedMessage(tag, into: &instruments)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeRepeatedMessage(1, instruments)
            e.appendUnknownFields(unknownFields)
        }
    }
}
