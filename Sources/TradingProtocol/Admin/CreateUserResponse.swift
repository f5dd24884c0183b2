import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CreateUserResponse`: the user after the call.
    public struct CreateUserResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.CreateUserResponse"
        public var user: User?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &user)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, user)
            e.appendUnknownFields(unknownFields)
        }
    }
}
