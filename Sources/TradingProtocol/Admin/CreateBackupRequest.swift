import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CreateBackupRequest`.
    public struct CreateBackupRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CreateBackupRequest"
        public var note = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &note)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, note)
            e.appendUnknownFields(unknownFields)
        }
    }
}
