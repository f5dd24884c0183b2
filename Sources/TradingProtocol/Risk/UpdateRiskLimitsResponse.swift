import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.UpdateRiskLimitsResponse`: the limits and their version (incremented by every update).
    public struct UpdateRiskLimitsResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.UpdateRiskLimitsResponse"
        public var limits: RiskLimits?
        public var version: UInt64 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &limits)
            case 2: version = try d.decodeUInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, limits)
            e.encodeUInt64(2, version)
            e.appendUnknownFields(unknownFields)
        }
    }
}
