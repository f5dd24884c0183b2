import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CreateApiTokenRequest`. `ttlSeconds` 0 means the server default.
    public struct CreateApiTokenRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CreateApiTokenRequest"
        public var name = ""
        public var role = Role.unspecified
        public var ttlSeconds: Int64 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &name)
            case 2: role = try d.decodeEnum(tag)
            case 3: ttlSeconds = try d.decodeInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, name)
            e.encodeEnum(2, role)
            e.encodeInt64(3, ttlSeconds)
            e.appendUnknownFields(unknownFields)
        }
    }
}
