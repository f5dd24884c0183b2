import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CreateUserRequest`. The password is hashed by the server, never stored or logged.
    public struct CreateUserRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CreateUserRequest"
        public var username = ""
        public var password = ""
        public var role = Role.unspecified
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &username)
            case 2: try d.decodeString(tag, into: &password)
            case 3: role = try d.decodeEnum(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, username)
            e.encodeString(2, password)
            e.encodeEnum(3, role)
            e.appendUnknownFields(unknownFields)
        }
    }
}
