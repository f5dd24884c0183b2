import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListUsersResponse`.
    public struct ListUsersResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListUsersResponse"
        public var users: [User] = []
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeRepeatedMessage(tag, into: &users)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeRepeatedMessage(1, users)
            e.appendUnknownFields(unknownFields)
        }
    }
}
