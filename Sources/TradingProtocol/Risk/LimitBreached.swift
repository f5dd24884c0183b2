import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.LimitBreached`: `limit` is machine-readable (e.g. `DAILY_LOSS_LIMIT`);
    /// `action` is the trading state the engine switched to.
    public struct LimitBreached: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.LimitBreached"
        public var limit = ""
        public var symbol = ""
        public var value = ""
        public var threshold = ""
        public var action = TradingState.unspecified
        public var message = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &limit)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: try d.decodeString(tag, into: &value)
            case 4: try d.decodeString(tag, into: &threshold)
            case 5: action = try d.decodeEnum(tag)
            case 6: try d.decodeString(tag, into: &message)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, limit)
            e.encodeString(2, symbol)
            e.encodeString(3, value)
            e.encodeString(4, threshold)
            e.encodeEnum(5, action)
            e.encodeString(6, message)
            e.appendUnknownFields(unknownFields)
        }
    }
}
