import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ResumeResponse`: the risk state after the call.
    public struct ResumeResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ResumeResponse"
        public var state: RiskState?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &state)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, state)
            e.appendUnknownFields(unknownFields)
        }
    }
}
