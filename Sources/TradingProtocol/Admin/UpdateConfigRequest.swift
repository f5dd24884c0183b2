import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.UpdateConfigRequest`. A non-zero stale `expectedVersion` fails with
    /// FAILED_PRECONDITION; `dryRun` validates and diffs only.
    public struct UpdateConfigRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.UpdateConfigRequest"
        public var document = ""
        public var comment = ""
        public var expectedVersion: UInt64 = 0
        public var dryRun = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &document)
            case 2: try d.decodeString(tag, into: &comment)
            case 3: expectedVersion = try d.decodeUInt64(tag)
            case 4: dryRun = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, document)
            e.encodeString(2, comment)
            e.encodeUInt64(3, expectedVersion)
            e.encodeBool(4, dryRun)
            e.appendUnknownFields(unknownFields)
        }
    }
}
