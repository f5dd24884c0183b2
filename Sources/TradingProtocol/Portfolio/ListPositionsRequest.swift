import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListPositionsRequest`.
    public struct ListPositionsRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListPositionsRequest"
        public var accountID = ""
        /// Empty: every symbol.
        public var symbol = ""
        /// Also list flat positions that carry realized P&L.
        public var includeFlat = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &accountID)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: includeFlat = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, accountID)
            e.encodeString(2, symbol)
            e.encodeBool(3, includeFlat)
            e.appendUnknownFields(unknownFields)
        }
    }
}
