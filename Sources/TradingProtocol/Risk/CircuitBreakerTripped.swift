import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CircuitBreakerTripped`.
    public struct CircuitBreakerTripped: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CircuitBreakerTripped"
        public var breaker: CircuitBreaker?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &breaker)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, breaker)
            e.appendUnknownFields(unknownFields)
        }
    }
}
