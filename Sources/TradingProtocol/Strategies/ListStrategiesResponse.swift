import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListStrategiesResponse`.
    public struct ListStrategiesResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListStrategiesResponse"
        public var strategies: [StrategyInfo] = []
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeRepeatedMessage(tag, into: &strategies)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeRepeatedMessage(1, strategies)
            e.appendUnknownFields(unknownFields)
        }
    }
}
