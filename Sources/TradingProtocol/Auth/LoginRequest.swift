import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.LoginRequest`. The password is never logged (see Security).
    public struct LoginRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.LoginRequest"
        public var username = ""
        public var password = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &username)
            case 2: try d.decodeString(tag, into: &password)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, username)
            e.encodeString(2, password)
            e.appendUnknownFields(unknownFields)
        }
    }
}
