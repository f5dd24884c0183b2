import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubmitOrderResponse`. `duplicate` is true when the client order id matched
    /// an existing order, which is returned unchanged.
    public struct SubmitOrderResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubmitOrderResponse"
        public var order: Order?
        public var duplicate = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &order)
            case 2: duplicate = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, order)
            e.encodeBool(2, duplicate)
            e.appendUnknownFields(unknownFields)
        }
    }
}
