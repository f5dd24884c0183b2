import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.HaltRequest`: the kill switch. `symbol` "" halts everything.
    public struct HaltRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.HaltRequest"
        public var reason = ""
        public var symbol = ""
        public var cancelOpenOrders = false
        public var flattenPositions = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &reason)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: cancelOpenOrders = try d.decodeBool(tag)
            case 4: flattenPositions = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, reason)
            e.encodeString(2, symbol)
            e.encodeBool(3, cancelOpenOrders)
            e.encodeBool(4, flattenPositions)
            e.appendUnknownFields(unknownFields)
        }
    }
}
