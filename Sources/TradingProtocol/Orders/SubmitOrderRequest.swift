import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubmitOrderRequest`. `clientOrderID` is the idempotency key.
    public struct SubmitOrderRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubmitOrderRequest"
        public var clientOrderID = ""
        public var symbol = ""
        public var side = Side.unspecified
        public var type = OrderType.unspecified
        public var quantity = ""
        /// Required for LIMIT and STOP_LIMIT.
        public var limitPrice = ""
        /// Required for STOP and STOP_LIMIT.
        public var stopPrice = ""
        public var timeInForce = TimeInForce.unspecified
        public var stopLossPrice = ""
        public var takeProfitPrice = ""
        public var trailingStopDistance = ""
        public var strategyID = ""
        public var reduceOnly = false
        public var accountID = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// The field switch is inlined here (a hot message): the decoder stays in registers.
        public mutating func merge(from d: inout WireDecoder) throws(WireDecodingError) {
            while let tag = try d.nextTag() { try decodeField(tag, from: &d) }
        }

        @inline(__always)
        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &clientOrderID)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: side = try d.decodeEnum(tag)
            case 4: type = try d.decodeEnum(tag)
            case 5: try d.decodeString(tag, into: &quantity)
            case 6: try d.decodeString(tag, into: &limitPrice)
            case 7: try d.decodeString(tag, into: &stopPrice)
            case 8: timeInForce = try d.decodeEnum(tag)
            case 9: try d.decodeString(tag, into: &stopLossPrice)
            case 10: try d.decodeString(tag, into: &takeProfitPrice)
            case 11: try d.decodeString(tag, into: &trailingStopDistance)
            case 12: try d.decodeString(tag, into: &strategyID)
            case 13: reduceOnly = try d.decodeBool(tag)
            case 14: try d.decodeString(tag, into: &accountID)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, clientOrderID)
            e.encodeString(2, symbol)
            e.encodeEnum(3, side)
            e.encodeEnum(4, type)
            e.encodeString(5, quantity)
            e.encodeString(6, limitPrice)
            e.encodeString(7, stopPrice)
            e.encodeEnum(8, timeInForce)
            e.encodeString(9, stopLossPrice)
            e.encodeString(10, takeProfitPrice)
            e.encodeString(11, trailingStopDistance)
            e.encodeString(12, strategyID)
            e.encodeBool(13, reduceOnly)
            e.encodeString(14, accountID)
            e.appendUnknownFields(unknownFields)
        }
    }
}
