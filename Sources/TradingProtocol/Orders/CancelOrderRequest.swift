import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CancelOrderRequest`: cancel by order id or client order id.
    public struct CancelOrderRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CancelOrderRequest"
        public var target: OrderTarget?
        public var reason = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1, 2: target = try OrderTarget.decode(tag, from: &d)
            case 3: try d.decodeString(tag, into: &reason)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            OrderTarget.encode(target, to: &e)
            e.encodeString(3, reason)
            e.appendUnknownFields(unknownFields)
        }
    }
}
