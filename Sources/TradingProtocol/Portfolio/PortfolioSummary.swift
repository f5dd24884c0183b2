import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.PortfolioSummary`: account value. drawdown = peak equity - equity;
    /// drawdownFraction = drawdown / peak equity. (Named so because `Portfolio` is the service.)
    public struct PortfolioSummary: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.PortfolioSummary"
        public var accountID = ""
        public var currency = ""
        public var cash = ""
        public var equity = ""
        public var realizedPnl = ""
        public var unrealizedPnl = ""
        public var grossExposure = ""
        public var netExposure = ""
        public var peakEquity = ""
        public var drawdown = ""
        public var drawdownFraction = ""
        public var dailyPnl = ""
        public var commissions = ""
        public var positions: [Position] = []
        public var asOf: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &accountID)
            case 2: try d.decodeString(tag, into: &currency)
            case 3: try d.decodeString(tag, into: &cash)
            case 4: try d.decodeString(tag, into: &equity)
            case 5: try d.decodeString(tag, into: &realizedPnl)
            case 6: try d.decodeString(tag, into: &unrealizedPnl)
            case 7: try d.decodeString(tag, into: &grossExposure)
            case 8: try d.decodeString(tag, into: &netExposure)
            case 9: try d.decodeString(tag, into: &peakEquity)
            case 10: try d.decodeString(tag, into: &drawdown)
            case 11: try d.decodeString(tag, into: &drawdownFraction)
            case 12: try d.decodeString(tag, into: &dailyPnl)
            case 13: try d.decodeString(tag, into: &commissions)
            case 14: try d.decodeRepeatedMessage(tag, into: &positions)
            case 15: try d.decodeMessage(tag, into: &asOf)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, accountID)
            e.encodeString(2, currency)
            e.encodeString(3, cash)
            e.encodeString(4, equity)
            e.encodeString(5, realizedPnl)
            e.encodeString(6, unrealizedPnl)
            e.encodeString(7, grossExposure)
            e.encodeString(8, netExposure)
            e.encodeString(9, peakEquity)
            e.encodeString(10, drawdown)
            e.encodeString(11, drawdownFraction)
            e.encodeString(12, dailyPnl)
            e.encodeString(13, commissions)
            e.encodeRepeatedMessage(14, positions)
            e.encodeMessage(15, asOf)
            e.appendUnknownFields(unknownFields)
        }
    }
}
