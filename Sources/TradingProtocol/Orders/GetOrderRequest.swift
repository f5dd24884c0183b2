import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetOrderRequest`: look up by order id or client order id.
    public struct GetOrderRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetOrderRequest"
        public var target: OrderTarget?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1, 2: target = try OrderTarget.decode(tag, from: &d)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            OrderTarget.encode(target, to: &e)
            e.appendUnknownFields(unknownFields)
        }
    }
}
