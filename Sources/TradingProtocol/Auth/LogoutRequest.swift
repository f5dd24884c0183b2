import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.LogoutRequest`: revokes the calling access token, `refreshToken` if given,
    /// and every session of the caller when `allSessions`.
    public struct LogoutRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.LogoutRequest"
        public var refreshToken = ""
        public var allSessions = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &refreshToken)
            case 2: allSessions = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, refreshToken)
            e.encodeBool(2, allSessions)
            e.appendUnknownFields(unknownFields)
        }
    }
}
