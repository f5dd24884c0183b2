import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.DisableUserRequest`. Disabling revokes the user's tokens at once.
    public struct DisableUserRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.DisableUserRequest"
        public var username = ""
        public var reason = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &username)
            case 2: try d.decodeString(tag, into: &reason)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, username)
            e.encodeString(2, reason)
            e.appendUnknownFields(unknownFields)
        }
    }
}
