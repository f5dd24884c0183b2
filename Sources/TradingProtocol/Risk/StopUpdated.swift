import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.StopUpdated`: a stop (typically trailing) moved.
    public struct StopUpdated: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.StopUpdated"
        public var orderID = ""
        public var symbol = ""
        public var oldStopPrice = ""
        public var newStopPrice = ""
        public var reason = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &orderID)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: try d.decodeString(tag, into: &oldStopPrice)
            case 4: try d.decodeString(tag, into: &newStopPrice)
            case 5: try d.decodeString(tag, into: &reason)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, orderID)
            e.encodeString(2, symbol)
            e.encodeString(3, oldStopPrice)
            e.encodeString(4, newStopPrice)
            e.encodeString(5, reason)
            e.appendUnknownFields(unknownFields)
        }
    }
}
