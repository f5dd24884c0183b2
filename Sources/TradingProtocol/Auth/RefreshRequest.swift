import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.RefreshRequest`: presenting a used refresh token revokes its whole family.
    public struct RefreshRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.RefreshRequest"
        public var refreshToken = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &refreshToken)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, refreshToken)
            e.appendUnknownFields(unknownFields)
        }
    }
}
