import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.User`.
    public struct User: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.User"
        public var username = ""
        public var role = Role.unspecified
        public var enabled = false
        public var createdAt: Timestamp?
        public var lastLoginAt: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &username)
            case 2: role = try d.decodeEnum(tag)
            case 3: enabled = try d.decodeBool(tag)
            case 4: try d.decodeMessage(tag, into: &createdAt)
            case 5: try d.decodeMessage(tag, into: &lastLoginAt)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, username)
            e.encodeEnum(2, role)
            e.encodeBool(3, enabled)
            e.encodeMessage(4, createdAt)
            e.encodeMessage(5, lastLoginAt)
            e.appendUnknownFields(unknownFields)
        }
    }
}
