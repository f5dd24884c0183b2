import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.VerifyBackupRequest`. `backupID` "" verifies the latest backup;
    /// `testRestore` also restores into a scratch database and runs integrity checks.
    public struct VerifyBackupRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.VerifyBackupRequest"
        public var backupID = ""
        public var testRestore = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &backupID)
            case 2: testRestore = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, backupID)
            e.encodeBool(2, testRestore)
            e.appendUnknownFields(unknownFields)
        }
    }
}
