import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ExportAuditResponse`: the package written and its integrity anchors.
    public struct ExportAuditResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ExportAuditResponse"
        public var packagePath = ""
        public var manifestSha256 = ""
        public var eventCount: UInt64 = 0
        public var firstHash = ""
        public var lastHash = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &packagePath)
            case 2: try d.decodeString(tag, into: &manifestSha256)
            case 3: eventCount = try d.decodeUInt64(tag)
            case 4: try d.decodeString(tag, into: &firstHash)
            case 5: try d.decodeString(tag, into: &lastHash)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, packagePath)
            e.encodeString(2, manifestSha256)
            e.encodeUInt64(3, eventCount)
            e.encodeString(4, firstHash)
            e.encodeString(5, lastHash)
            e.appendUnknownFields(unknownFields)
        }
    }
}
