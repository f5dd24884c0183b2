import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListUsersRequest`.
    public struct ListUsersRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListUsersRequest"
        public var includeDisabled = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: includeDisabled = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeBool(1, includeDisabled)
            e.appendUnknownFields(unknownFields)
        }
    }
}
