import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Order`: an order as the server knows it. Decimal fields are strings in
    /// `google.type.Decimal` form (see `WireDecimal`); "" means not set.
    public struct Order: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Order"
        public var orderID = ""
        public var clientOrderID = ""
        public var accountID = ""
        public var symbol = ""
        public var side = Side.unspecified
        public var type = OrderType.unspecified
        public var timeInForce = TimeInForce.unspecified
        public var status = OrderStatus.unspecified
        public var quantity = ""
        public var filledQuantity = ""
        public var limitPrice = ""
        public var stopPrice = ""
        public var averageFillPrice = ""
        public var stopLossPrice = ""
        public var takeProfitPrice = ""
        public var trailingStopDistance = ""
        public var reduceOnly = false
        public var strategyID = ""
        public var brokerOrderID = ""
        /// Machine-readable reason for REJECTED / EXPIRED / CANCELLED, e.g. `MAX_ORDER_QUANTITY`.
        public var reasonCode = ""
        public var reasonMessage = ""
        public var createdAt: Timestamp?
        public var updatedAt: Timestamp?
        /// The order-stream sequence of the event that produced this state.
        public var sequence: UInt64 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        /// The field switch is inlined here (a hot message): the decoder stays in registers.
        public mutating func merge(from d: inout WireDecoder) throws(WireDecodingError) {
            while let tag = try d.nextTag() { try decodeField(tag, from: &d) }
        }

        @inline(__always)
        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &orderID)
            case 2: try d.decodeString(tag, into: &clientOrderID)
            case 3: try d.decodeString(tag, into: &accountID)
            case 4: try d.decodeString(tag, into: &symbol)
            case 5: side = try d.decodeEnum(tag)
            case 6: type = try d.decodeEnum(tag)
            case 7: timeInForce = try d.decodeEnum(tag)
            case 8: status = try d.decodeEnum(tag)
            case 9: try d.decodeString(tag, into: &quantity)
            case 10: try d.decodeString(tag, into: &filledQuantity)
            case 11: try d.decodeString(tag, into: &limitPrice)
            case 12: try d.decodeString(tag, into: &stopPrice)
            case 13: try d.decodeString(tag, into: &averageFillPrice)
            case 14: try d.decodeString(tag, into: &stopLossPrice)
            case 15: try d.decodeString(tag, into: &takeProfitPrice)
            case 16: try d.decodeString(tag, into: &trailingStopDistance)
            case 17: reduceOnly = try d.decodeBool(tag)
            case 18: try d.decodeString(tag, into: &strategyID)
            case 19: try d.decodeString(tag, into: &brokerOrderID)
            case 20: try d.decodeString(tag, into: &reasonCode)
            case 21: try d.decodeString(tag, into: &reasonMessage)
            case 22: try d.decodeMessage(tag, into: &createdAt)
            case 23: try d.decodeMessage(tag, into: &updatedAt)
            case 24: sequence = try d.decodeUInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, orderID)
            e.encodeString(2, clientOrderID)
            e.encodeString(3, accountID)
            e.encodeString(4, symbol)
            e.encodeEnum(5, side)
            e.encodeEnum(6, type)
            e.encodeEnum(7, timeInForce)
            e.encodeEnum(8, status)
            e.encodeString(9, quantity)
            e.encodeString(10, filledQuantity)
            e.encodeString(11, limitPrice)
            e.encodeString(12, stopPrice)
            e.encodeString(13, averageFillPrice)
            e.encodeString(14, stopLossPrice)
            e.encodeString(15, takeProfitPrice)
            e.encodeString(16, trailingStopDistance)
            e.encodeBool(17, reduceOnly)
            e.encodeString(18, strategyID)
            e.encodeString(19, brokerOrderID)
            e.encodeString(20, reasonCode)
            e.encodeString(21, reasonMessage)
            e.encodeMessage(22, createdAt)
            e.encodeMessage(23, updatedAt)
            e.encodeUInt64(24, sequence)
            e.appendUnknownFields(unknownFields)
        }
    }
}
