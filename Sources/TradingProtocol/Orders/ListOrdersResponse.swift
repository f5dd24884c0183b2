import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListOrdersResponse`. `nextPageToken` is empty on the last page.
    public struct ListOrdersResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListOrdersResponse"
        public var orders: [Order] = []
        public var nextPageToken = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeRepeatedMessage(tag, into: &orders)
            case 2: try d.decodeString(tag, into: &nextPageToken)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeRepeatedMessage(1, orders)
            e.encodeString(2, nextPageToken)
            e.appendUnknownFields(unknownFields)
        }
    }
}
