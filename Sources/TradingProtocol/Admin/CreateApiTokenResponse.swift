import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CreateApiTokenResponse`. `token` is the secret, returned only here.
    public struct CreateApiTokenResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CreateApiTokenResponse"
        public var token = ""
        public var info: ApiTokenInfo?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &token)
            case 2: try d.decodeMessage(tag, into: &info)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, token)
            e.encodeMessage(2, info)
            e.appendUnknownFields(unknownFields)
        }
    }
}
