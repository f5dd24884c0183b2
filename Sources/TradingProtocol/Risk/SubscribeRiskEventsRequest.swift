import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubscribeRiskEventsRequest`. `fromSequence` nil: live events only;
    /// set: every event with `sequence >= fromSequence`, then live.
    public struct SubscribeRiskEventsRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubscribeRiskEventsRequest"
        public var fromSequence: UInt64?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: fromSequence = try d.decodeUInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            if let fromSequence { e.encodeUInt64(1, fromSequence, force: true) }
            e.appendUnknownFields(unknownFields)
        }
    }
}
