import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.StopStrategyResponse`: the strategy after the call.
    public struct StopStrategyResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.StopStrategyResponse"
        public var strategy: StrategyInfo?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &strategy)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, strategy)
            e.appendUnknownFields(unknownFields)
        }
    }
}
