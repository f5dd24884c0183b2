import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.TradingStateChanged`. `scope` is a symbol or "" for the account.
    public struct TradingStateChanged: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.TradingStateChanged"
        public var scope = ""
        public var oldState = TradingState.unspecified
        public var newState = TradingState.unspecified
        public var reason = ""
        /// The restriction's source (ADMIN, KILL_SWITCH, DAILY_LOSS...).
        public var actor = ""
        /// Who asked for the change; "" for rule-driven changes.
        public var changedBy = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &scope)
            case 2: oldState = try d.decodeEnum(tag)
            case 3: newState = try d.decodeEnum(tag)
            case 4: try d.decodeString(tag, into: &reason)
            case 5: try d.decodeString(tag, into: &actor)
            case 6: try d.decodeString(tag, into: &changedBy)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, scope)
            e.encodeEnum(2, oldState)
            e.encodeEnum(3, newState)
            e.encodeString(4, reason)
            e.encodeString(5, actor)
            e.encodeString(6, changedBy)
            e.appendUnknownFields(unknownFields)
        }
    }
}
