import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ReplaceOrderRequest`: changes quantity and/or prices of an open order;
    /// empty fields keep their current value.
    public struct ReplaceOrderRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ReplaceOrderRequest"
        public var target: OrderTarget?
        public var quantity = ""
        public var limitPrice = ""
        public var stopPrice = ""
        public var stopLossPrice = ""
        public var takeProfitPrice = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1, 2: target = try OrderTarget.decode(tag, from: &d)
            case 3: try d.decodeString(tag, into: &quantity)
            case 4: try d.decodeString(tag, into: &limitPrice)
            case 5: try d.decodeString(tag, into: &stopPrice)
            case 6: try d.decodeString(tag, into: &stopLossPrice)
            case 7: try d.decodeString(tag, into: &takeProfitPrice)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            OrderTarget.encode(target, to: &e)
            e.encodeString(3, quantity)
            e.encodeString(4, limitPrice)
            e.encodeString(5, stopPrice)
            e.encodeString(6, stopLossPrice)
            e.encodeString(7, takeProfitPrice)
            e.appendUnknownFields(unknownFields)
        }
    }
}
