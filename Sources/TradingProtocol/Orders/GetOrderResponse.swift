import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetOrderResponse`: the order after the call.
    public struct GetOrderResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetOrderResponse"
        public var order: Order?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &order)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, order)
            e.appendUnknownFields(unknownFields)
        }
    }
}
