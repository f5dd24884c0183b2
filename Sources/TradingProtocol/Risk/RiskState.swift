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
            case 2: try d.decodeString(tag, into: &haltReason)
            case 3: try d.decodeRepeatedMessage(tag, into: &instrumentStates)
            case 4: try d.decodeRepeatedMessage(tag, into: &activeBreaches)
            case 5: try d.decodeRepeatedMessage(tag, into: &circuitBreakers)
            case 6: try d.decodeString(tag, into: &dailyPnl)
            case 7: try d.decodeString(tag, into: &drawdownFraction)
            case 8: try d.decodeString(tag, into: &rejectionRate)
            case 9: try d.decodeString(tag, into: &fillTimeoutRate)
            case 10: try d.decodeMessage(tag, into: &asOf)
            case 11: try d.decodeString(tag, into: &haltedBy)
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
