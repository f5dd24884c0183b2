import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CreateBackupResponse`.
    public struct CreateBackupResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CreateBackupResponse"
        public var backup: Backup?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &backup)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, backup)
            e.appendUnknownFields(unknownFields)
        }
    }
}
