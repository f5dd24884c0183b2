import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SetUserRoleRequest`.
    public struct SetUserRoleRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SetUserRoleRequest"
        public var username = ""
        public var role = Role.unspecified
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &username)
            case 2: role = try d.decodeEnum(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, username)
            e.encodeEnum(2, role)
            e.appendUnknownFields(unknownFields)
        }
    }
}
