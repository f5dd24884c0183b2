import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ApiTokenInfo`: a service account's token, without its secret.
    public struct ApiTokenInfo: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ApiTokenInfo"
        public var tokenID = ""
        public var name = ""
        public var role = Role.unspecified
        public var createdBy = ""
        public var createdAt: Timestamp?
        public var expiresAt: Timestamp?
        public var revoked = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &tokenID)
            case 2: try d.decodeString(tag, into: &name)
            case 3: role = try d.decodeEnum(tag)
            case 4: try d.decodeString(tag, into: &createdBy)
            case 5: try d.decodeMessage(tag, into: &createdAt)
            case 6: try d.decodeMessage(tag, into: &expiresAt)
            case 7: revoked = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, tokenID)
            e.encodeString(2, name)
            e.encodeEnum(3, role)
            e.encodeString(4, createdBy)
            e.encodeMessage(5, createdAt)
            e.encodeMessage(6, expiresAt)
            e.encodeBool(7, revoked)
            e.appendUnknownFields(unknownFields)
        }
    }
}
