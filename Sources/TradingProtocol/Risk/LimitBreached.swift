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
            case 1: limit = try d.decodeString(tag)
            case 2: symbol = try d.decodeString(tag)
            case 3: value = try d.decodeString(tag)
            case 4: threshold = try d.decodeString(tag)
            case 5: action = try d.decodeEnum(tag)
            case 6: message = try d.decodeString(tag)
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
