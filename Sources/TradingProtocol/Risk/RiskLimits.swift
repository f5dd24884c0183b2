import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.RiskLimits`: the risk configuration. "" (or 0) means no limit for that check.
    public struct RiskLimits: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.RiskLimits"
        public var maxOrderQuantity = ""
        public var maxOrderNotional = ""
        public var maxPositionQuantity = ""
        public var maxGrossExposure = ""
        public var maxOpenOrders: UInt32 = 0
        /// Order submissions per second, per account and per strategy.
        public var maxOrdersPerSecond: UInt32 = 0
        public var priceCollarFraction = ""
        public var dailyLossLimit = ""
        public var maxDrawdownFraction = ""
        public var riskFractionPerTrade = ""
        public var fillTimeoutSeconds: UInt32 = 0
        /// Keyed by symbol.
        public var instrumentLimits: [String: InstrumentLimits] = [:]
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &maxOrderQuantity)
            case 2: try d.decodeString(tag, into: &maxOrderNotional)
            case 3: try d.decodeString(tag, into: &maxPositionQuantity)
            case 4: try d.decodeString(tag, into: &maxGrossExposure)
            case 5: maxOpenOrders = try d.decodeUInt32(tag)
            case 6: maxOrdersPerSecond = try d.decodeUInt32(tag)
            case 7: try d.decodeString(tag, into: &priceCollarFraction)
            case 8: try d.decodeString(tag, into: &dailyLossLimit)
            case 9: try d.decodeString(tag, into: &maxDrawdownFraction)
            case 10: try d.decodeString(tag, into: &riskFractionPerTrade)
            case 11: fillTimeoutSeconds = try d.decodeUInt32(tag)
            case 12: try d.decodeMessageMapEntry(tag, into: &instrumentLimits)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, maxOrderQuantity)
            e.encodeString(2, maxOrderNotional)
            e.encodeString(3, maxPositionQuantity)
            e.encodeString(4, maxGrossExposure)
            e.encodeUInt32(5, maxOpenOrders)
            e.encodeUInt32(6, maxOrdersPerSecond)
            e.encodeString(7, priceCollarFraction)
            e.encodeString(8, dailyLossLimit)
            e.encodeString(9, maxDrawdownFraction)
            e.encodeString(10, riskFractionPerTrade)
            e.encodeUInt32(11, fillTimeoutSeconds)
            e.encodeMessageMap(12, instrumentLimits)
            e.appendUnknownFields(unknownFields)
        }
    }
}
