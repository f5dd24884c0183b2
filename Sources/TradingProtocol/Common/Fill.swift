import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Fill`: one execution against an order.
    public struct Fill: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Fill"
        public var fillID = ""
        public var orderID = ""
        public var clientOrderID = ""
        public var accountID = ""
        public var symbol = ""
        public var side = Side.unspecified
        public var quantity = ""
        public var price = ""
        public var commission = ""
        public var commissionCurrency = ""
        public var brokerTradeID = ""
        public var strategyID = ""
        public var executedAt: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        /// The field switch is inlined here (a hot message): the decoder stays in registers.
        public mutating func merge(from d: inout WireDecoder) throws(WireDecodingError) {
            while let tag = try d.nextTag() { try decodeField(tag, from: &d) }
        }

        @inline(__always)
        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: fillID = try d.decodeString(tag)
            case 2: orderID = try d.decodeString(tag)
            case 3: clientOrderID = try d.decodeString(tag)
            case 4: accountID = try d.decodeString(tag)
            case 5: symbol = try d.decodeString(tag)
            case 6: side = try d.decodeEnum(tag)
            case 7: quantity = try d.decodeString(tag)
            case 8: price = try d.decodeString(tag)
            case 9: commission = try d.decodeString(tag)
            case 10: commissionCurrency = try d.decodeString(tag)
            case 11: brokerTradeID = try d.decodeString(tag)
            case 12: strategyID = try d.decodeString(tag)
            case 13: try d.decodeMessage(tag, into: &executedAt)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, fillID)
            e.encodeString(2, orderID)
            e.encodeString(3, clientOrderID)
            e.encodeString(4, accountID)
            e.encodeString(5, symbol)
            e.encodeEnum(6, side)
            e.encodeString(7, quantity)
            e.encodeString(8, price)
            e.encodeString(9, commission)
            e.encodeString(10, commissionCurrency)
            e.encodeString(11, brokerTradeID)
            e.encodeString(12, strategyID)
            e.encodeMessage(13, executedAt)
            e.appendUnknownFields(unknownFields)
        }
    }
}
