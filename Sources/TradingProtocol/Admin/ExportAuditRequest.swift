import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ExportAuditRequest`. `day` is a UTC day "YYYY-MM-DD"; "" means yesterday.
    public struct ExportAuditRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ExportAuditRequest"
        public var day = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &day)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, day)
            e.appendUnknownFields(unknownFields)
        }
    }
}
