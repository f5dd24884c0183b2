import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.StrategyInfo`. `kind` is "sma", "breakout" or "external".
    public struct StrategyInfo: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.StrategyInfo"
        public var strategyID = ""
        public var kind = ""
        public var symbol = ""
        public var state = StrategyState.unspecified
        public var parameters: [String: String] = [:]
        public var startedAt: Timestamp?
        public var lastError = ""
        public var signalsEmitted: UInt64 = 0
        public var ordersSubmitted: UInt64 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &strategyID)
            case 2: try d.decodeString(tag, into: &kind)
            case 3: try d.decodeString(tag, into: &symbol)
            case 4: state = try d.decodeEnum(tag)
            case 5: try d.decodeStringMapEntry(tag, into: &parameters)
            case 6: try d.decodeMessage(tag, into: &startedAt)
            case 7: try d.decodeString(tag, into: &lastError)
            case 8: signalsEmitted = try d.decodeUInt64(tag)
            case 9: ordersSubmitted = try d.decodeUInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, strategyID)
            e.encodeString(2, kind)
            e.encodeString(3, symbol)
            e.encodeEnum(4, state)
            e.encodeStringMap(5, parameters)
            e.encodeMessage(6, startedAt)
            e.encodeString(7, lastError)
            e.encodeUInt64(8, signalsEmitted)
            e.encodeUInt64(9, ordersSubmitted)
            e.appendUnknownFields(unknownFields)
        }
    }
}
