import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Backup`: one database backup and its checksum (hex SHA-256).
    public struct Backup: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Backup"
        public var backupID = ""
        public var path = ""
        public var createdAt: Timestamp?
        public var sizeBytes: UInt64 = 0
        public var sha256 = ""
        public var verified = false
        public var verifiedAt: Timestamp?
        public var note = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &backupID)
            case 2: try d.decodeString(tag, into: &path)
            case 3: try d.decodeMessage(tag, into: &createdAt)
            case 4: sizeBytes = try d.decodeUInt64(tag)
            case 5: try d.decodeString(tag, into: &sha256)
            case 6: verified = try d.decodeBool(tag)
            case 7: try d.decodeMessage(tag, into: &verifiedAt)
            case 8: try d.decodeString(tag, into: &note)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, backupID)
            e.encodeString(2, path)
            e.encodeMessage(3, createdAt)
            e.encodeUInt64(4, sizeBytes)
            e.encodeString(5, sha256)
            e.encodeBool(6, verified)
            e.encodeMessage(7, verifiedAt)
            e.encodeString(8, note)
            e.appendUnknownFields(unknownFields)
        }
    }
}
