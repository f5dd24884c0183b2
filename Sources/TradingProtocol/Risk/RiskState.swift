import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.RiskState`: trading state, active breaches, circuit breakers and the
    /// rolling rates the risk engine watches.
    public struct RiskState: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.RiskState"
        public var tradingState = TradingState.unspecified
        public var haltReason = ""
        public var instrumentStates: [ScopedTradingState] = []
        public var activeBreaches: [LimitBreached] = []
        public var circuitBreakers: [CircuitBreaker] = []
        public var dailyPnl = ""
        public var drawdownFraction = ""
        public var rejectionRate = ""
        public var fillTimeoutRate = ""
        public var asOf: Timestamp?
        /// The admin whose account halt or kill switch is in force ("" if none).
        public var haltedBy = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: tradingState = try d.decodeEnum(tag)
            case 2: haltReason = try d.decodeString(tag)
            case 3: try d.decodeRepeatedMessage(tag, into: &instrumentStates)
            case 4: try d.decodeRepeatedMessage(tag, into: &activeBreaches)
            case 5: try d.decodeRepeatedMessage(tag, into: &circuitBreakers)
            case 6: dailyPnl = try d.decodeString(tag)
            case 7: drawdownFraction = try d.decodeString(tag)
            case 8: rejectionRate = try d.decodeString(tag)
            case 9: fillTimeoutRate = try d.decodeString(tag)
            case 10: try d.decodeMessage(tag, into: &asOf)
            case 11: haltedBy = try d.decodeString(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeEnum(1, tradingState)
            e.encodeString(2, haltReason)
            e.encodeRepeatedMessage(3, instrumentStates)
            e.encodeRepeatedMessage(4, activeBreaches)
            e.encodeRepeatedMessage(5, circuitBreakers)
            e.encodeString(6, dailyPnl)
            e.encodeString(7, drawdownFraction)
            e.encodeString(8, rejectionRate)
            e.encodeString(9, fillTimeoutRate)
            e.encodeMessage(10, asOf)
            e.encodeString(11, haltedBy)
            e.appendUnknownFields(unknownFields)
        }
    }
}
