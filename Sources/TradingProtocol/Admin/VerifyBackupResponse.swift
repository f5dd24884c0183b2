import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.VerifyBackupResponse`.
    public struct VerifyBackupResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.VerifyBackupResponse"
        public var ok = false
        public var backup: Backup?
        public var detail = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: ok = try d.decodeBool(tag)
            case 2: try d.decodeMessage(tag, into: &backup)
            case 3: try d.decodeString(tag, into: &detail)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeBool(1, ok)
            e.encodeMessage(2, backup)
            e.encodeString(3, detail)
            e.appendUnknownFields(unknownFields)
        }
    }
}
