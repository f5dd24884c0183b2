import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListConfigVersionsRequest`. `limit` 0 means the server default (50).
    public struct ListConfigVersionsRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListConfigVersionsRequest"
        public var limit: Int32 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: limit = try d.decodeInt32(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeInt32(1, limit)
            e.appendUnknownFields(unknownFields)
        }
    }
}
