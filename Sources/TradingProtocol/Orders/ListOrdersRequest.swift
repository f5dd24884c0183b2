import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListOrdersRequest`: filters (all optional) and paging.
    public struct ListOrdersRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListOrdersRequest"
        public var symbol = ""
        /// Empty: every status.
        public var statuses: [OrderStatus] = []
        public var strategyID = ""
        public var createdAfter: Timestamp?
        public var createdBefore: Timestamp?
        /// 0 means the server default (100); at most 1000.
        public var pageSize: Int32 = 0
        public var pageToken = ""
        public var accountID = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &symbol)
            case 2: try d.decodeRepeatedEnum(tag, into: &statuses)
            case 3: try d.decodeString(tag, into: &strategyID)
            case 4: try d.decodeMessage(tag, into: &createdAfter)
            case 5: try d.decodeMessage(tag, into: &createdBefore)
            case 6: pageSize = try d.decodeInt32(tag)
            case 7: try d.decodeString(tag, into: &pageToken)
            case 8: try d.decodeString(tag, into: &accountID)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, symbol)
            e.encodePackedEnum(2, statuses)
            e.encodeString(3, strategyID)
            e.encodeMessage(4, createdAfter)
            e.encodeMessage(5, createdBefore)
            e.encodeInt32(6, pageSize)
            e.encodeString(7, pageToken)
            e.encodeString(8, accountID)
            e.appendUnknownFields(unknownFields)
        }
    }
}
