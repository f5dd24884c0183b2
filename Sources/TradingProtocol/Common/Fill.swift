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
            case 1: try d.decodeString(tag, into: &fillID)
            case 2: try d.decodeString(tag, into: &orderID)
            case 3: try d.decodeString(tag, into: &clientOrderID)
            case 4: try d.decodeString(tag, into: &accountID)
            case 5: try d.decodeString(tag, into: &symbol)
            case 6: side = try d.decodeEnum(tag)
            case 7: try d.decodeString(tag, into: &quantity)
            case 8: try d.decodeString(tag, into: &price)
            case 9: try d.decodeString(tag, into: &commission)
            case 10: try d.decodeString(tag, into: &commissionCurrency)
            case 11: try d.decodeString(tag, into: &brokerTradeID)
            case 12: try d.decodeString(tag, into: &strategyID)
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
