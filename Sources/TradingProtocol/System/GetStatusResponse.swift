import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetStatusResponse`: version, uptime, component health and measured SLAs.
    public struct GetStatusResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetStatusResponse"
        public var version = ""
        public var startedAt: Timestamp?
        public var uptimeSeconds: UInt64 = 0
        public var mode = TradingMode.unspecified
        public var tradingState = TradingState.unspecified
        public var components: [ComponentHealth] = []
        public var sla: [SlaMetric] = []
        public var now: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &version)
            case 2: try d.decodeMessage(tag, into: &startedAt)
            case 3: uptimeSeconds = try d.decodeUInt64(tag)
            case 4: mode = try d.decodeEnum(tag)
            case 5: tradingState = try d.decodeEnum(tag)
            case 6: try d.decodeRepeatedMessage(tag, into: &components)
            case 7: try d.decodeRepeatedMessage(tag, into: &sla)
            case 8: try d.decodeMessage(tag, into: &now)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, version)
            e.encodeMessage(2, startedAt)
            e.encodeUInt64(3, uptimeSeconds)
            e.encodeEnum(4, mode)
            e.encodeEnum(5, tradingState)
            e.encodeRepeatedMessage(6, components)
            e.encodeRepeatedMessage(7, sla)
            e.encodeMessage(8, now)
            e.appendUnknownFields(unknownFields)
        }
    }
}
