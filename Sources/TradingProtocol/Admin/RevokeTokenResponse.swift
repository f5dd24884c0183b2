import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.RevokeTokenResponse`: the token after revocation.
    public struct RevokeTokenResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.RevokeTokenResponse"
        public var info: ApiTokenInfo?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &info)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, info)
            e.appendUnknownFields(unknownFields)
        }
    }
}
