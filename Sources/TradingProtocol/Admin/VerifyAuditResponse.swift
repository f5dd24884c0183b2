import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.VerifyAuditResponse`. `firstBadSequence` is 0 when `ok`.
    public struct VerifyAuditResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.VerifyAuditResponse"
        public var ok = false
        public var eventsChecked: UInt64 = 0
        public var firstBadSequence: UInt64 = 0
        public var detail = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: ok = try d.decodeBool(tag)
            case 2: eventsChecked = try d.decodeUInt64(tag)
            case 3: firstBadSequence = try d.decodeUInt64(tag)
            case 4: try d.decodeString(tag, into: &detail)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeBool(1, ok)
            e.encodeUInt64(2, eventsChecked)
            e.encodeUInt64(3, firstBadSequence)
            e.encodeString(4, detail)
            e.appendUnknownFields(unknownFields)
        }
    }
}
