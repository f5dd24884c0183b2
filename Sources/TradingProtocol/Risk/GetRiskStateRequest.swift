import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetRiskStateRequest`.
    public struct GetRiskStateRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetRiskStateRequest"
        public var accountID = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &accountID)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, accountID)
            e.appendUnknownFields(unknownFields)
        }
    }
}
