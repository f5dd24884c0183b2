import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListApiTokensRequest`.
    public struct ListApiTokensRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListApiTokensRequest"
        public var includeRevoked = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: includeRevoked = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeBool(1, includeRevoked)
            e.appendUnknownFields(unknownFields)
        }
    }
}
