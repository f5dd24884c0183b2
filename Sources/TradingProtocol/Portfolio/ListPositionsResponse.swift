import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListPositionsResponse`.
    public struct ListPositionsResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListPositionsResponse"
        public var positions: [Position] = []
        public var asOf: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeRepeatedMessage(tag, into: &positions)
            case 2: try d.decodeMessage(tag, into: &asOf)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeRepeatedMessage(1, positions)
            e.encodeMessage(2, asOf)
            e.appendUnknownFields(unknownFields)
        }
    }
}
