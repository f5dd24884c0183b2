import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Position`: a netting position per account and instrument; `quantity` is
    /// signed (negative is short).
    public struct Position: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Position"
        public var accountID = ""
        public var symbol = ""
        public var quantity = ""
        public var averagePrice = ""
        public var lastPrice = ""
        public var marketValue = ""
        public var realizedPnl = ""
        public var unrealizedPnl = ""
        public var commissions = ""
        public var updatedAt: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &accountID)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: try d.decodeString(tag, into: &quantity)
            case 4: try d.decodeString(tag, into: &averagePrice)
            case 5: try d.decodeString(tag, into: &lastPrice)
            case 6: try d.decodeString(tag, into: &marketValue)
            case 7: try d.decodeString(tag, into: &realizedPnl)
            case 8: try d.decodeString(tag, into: &unrealizedPnl)
            case 9: try d.decodeString(tag, into: &commissions)
            case 10: try d.decodeMessage(tag, into: &updatedAt)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, accountID)
            e.encodeString(2, symbol)
            e.encodeString(3, quantity)
            e.encodeString(4, averagePrice)
            e.encodeString(5, lastPrice)
            e.encodeString(6, marketValue)
            e.encodeString(7, realizedPnl)
            e.encodeString(8, unrealizedPnl)
            e.encodeString(9, commissions)
            e.encodeMessage(10, updatedAt)
            e.appendUnknownFields(unknownFields)
        }
    }
}
