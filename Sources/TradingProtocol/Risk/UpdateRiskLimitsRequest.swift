import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.UpdateRiskLimitsRequest`: replaces the whole limit set. A non-zero
    /// `expectedVersion` that is stale fails with FAILED_PRECONDITION (VERSION_MISMATCH).
    public struct UpdateRiskLimitsRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.UpdateRiskLimitsRequest"
        public var limits: RiskLimits?
        public var expectedVersion: UInt64 = 0
        public var reason = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &limits)
            case 2: expectedVersion = try d.decodeUInt64(tag)
            case 3: try d.decodeString(tag, into: &reason)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, limits)
            e.encodeUInt64(2, expectedVersion)
            e.encodeString(3, reason)
            e.appendUnknownFields(unknownFields)
        }
    }
}
