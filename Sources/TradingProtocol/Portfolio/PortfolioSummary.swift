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
            case 1: accountID = try d.decodeString(tag)
            case 2: currency = try d.decodeString(tag)
            case 3: cash = try d.decodeString(tag)
            case 4: equity = try d.decodeString(tag)
            case 5: realizedPnl = try d.decodeString(tag)
            case 6: unrealizedPnl = try d.decodeString(tag)
            case 7: grossExposure = try d.decodeString(tag)
            case 8: netExposure = try d.decodeString(tag)
            case 9: peakEquity = try d.decodeString(tag)
            case 10: drawdown = try d.decodeString(tag)
            case 11: drawdownFraction = try d.decodeString(tag)
            case 12: dailyPnl = try d.decodeString(tag)
            case 13: commissions = try d.decodeString(tag)
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
