import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.FillTimeout`: an accepted order not filled in time; `action` is "CANCEL" or "FLAG".
    public struct FillTimeout: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.FillTimeout"
        public var orderID = ""
        public var clientOrderID = ""
        public var symbol = ""
        public var action = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &orderID)
            case 2: try d.decodeString(tag, into: &clientOrderID)
            case 3: try d.decodeString(tag, into: &symbol)
            case 4: try d.decodeString(tag, into: &action)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, orderID)
            e.encodeString(2, clientOrderID)
            e.encodeString(3, symbol)
            e.encodeString(4, action)
            e.appendUnknownFields(unknownFields)
        }
    }
}
