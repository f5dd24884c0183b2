import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetPortfolioResponse`.
    public struct GetPortfolioResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetPortfolioResponse"
        public var portfolio: PortfolioSummary?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &portfolio)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, portfolio)
            e.appendUnknownFields(unknownFields)
        }
    }
}
