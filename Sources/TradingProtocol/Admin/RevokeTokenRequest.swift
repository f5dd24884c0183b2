import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.RevokeTokenRequest`. Revokes an API token at once.
    public struct RevokeTokenRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.RevokeTokenRequest"
        public var tokenID = ""
        public var reason = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &tokenID)
            case 2: try d.decodeString(tag, into: &reason)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, tokenID)
            e.encodeString(2, reason)
            e.appendUnknownFields(unknownFields)
        }
    }
}
