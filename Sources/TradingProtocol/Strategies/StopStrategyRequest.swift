import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.StopStrategyRequest`.
    public struct StopStrategyRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.StopStrategyRequest"
        public var strategyID = ""
        public var cancelOpenOrders = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &strategyID)
            case 2: cancelOpenOrders = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, strategyID)
            e.encodeBool(2, cancelOpenOrders)
            e.appendUnknownFields(unknownFields)
        }
    }
}
