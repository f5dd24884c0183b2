import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ConfigVersion`: one saved configuration (hex SHA-256 of the document).
    public struct ConfigVersion: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ConfigVersion"
        public var version: UInt64 = 0
        public var sha256 = ""
        public var createdAt: Timestamp?
        public var author = ""
        public var comment = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: version = try d.decodeUInt64(tag)
            case 2: try d.decodeString(tag, into: &sha256)
            case 3: try d.decodeMessage(tag, into: &createdAt)
            case 4: try d.decodeString(tag, into: &author)
            case 5: try d.decodeString(tag, into: &comment)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeUInt64(1, version)
            e.encodeString(2, sha256)
            e.encodeMessage(3, createdAt)
            e.encodeString(4, author)
            e.encodeString(5, comment)
            e.appendUnknownFields(unknownFields)
        }
    }
}
