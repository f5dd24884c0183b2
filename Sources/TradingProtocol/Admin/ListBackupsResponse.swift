import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListBackupsResponse`.
    public struct ListBackupsResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListBackupsResponse"
        public var backups: [Backup] = []
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeRepeatedMessage(tag, into: &backups)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeRepeatedMessage(1, backups)
            e.appendUnknownFields(unknownFields)
        }
    }
}
