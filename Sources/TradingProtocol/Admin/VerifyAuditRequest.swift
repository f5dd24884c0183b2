import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.VerifyAuditRequest`. `packagePath` "" verifies the live trail's hash chain.
    public struct VerifyAuditRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.VerifyAuditRequest"
        public var packagePath = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &packagePath)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, packagePath)
            e.appendUnknownFields(unknownFields)
        }
    }
}
