import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.RefreshResponse`: a new access token and a rotated refresh token.
    public struct RefreshResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.RefreshResponse"
        public var accessToken = ""
        public var refreshToken = ""
        public var accessExpiresAt: Timestamp?
        public var refreshExpiresAt: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &accessToken)
            case 2: try d.decodeString(tag, into: &refreshToken)
            case 3: try d.decodeMessage(tag, into: &accessExpiresAt)
            case 4: try d.decodeMessage(tag, into: &refreshExpiresAt)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, accessToken)
            e.encodeString(2, refreshToken)
            e.encodeMessage(3, accessExpiresAt)
            e.encodeMessage(4, refreshExpiresAt)
            e.appendUnknownFields(unknownFields)
        }
    }
}
