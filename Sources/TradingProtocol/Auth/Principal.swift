import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Principal`: who a token speaks for. `tokenID` is the token's `jti`.
    public struct Principal: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Principal"
        public var subject = ""
        public var role = Role.unspecified
        public var kind = PrincipalKind.unspecified
        public var tokenID = ""
        public var issuedAt: Timestamp?
        public var expiresAt: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &subject)
            case 2: role = try d.decodeEnum(tag)
            case 3: kind = try d.decodeEnum(tag)
            case 4: try d.decodeString(tag, into: &tokenID)
            case 5: try d.decodeMessage(tag, into: &issuedAt)
            case 6: try d.decodeMessage(tag, into: &expiresAt)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, subject)
            e.encodeEnum(2, role)
            e.encodeEnum(3, kind)
            e.encodeString(4, tokenID)
            e.encodeMessage(5, issuedAt)
            e.encodeMessage(6, expiresAt)
            e.appendUnknownFields(unknownFields)
        }
    }
}
