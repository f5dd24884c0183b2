import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ListBackupsRequest` (no fields; unknown fields from newer peers are kept).
    public struct ListBackupsRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ListBackupsRequest"
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            try d.skipField(tag, into: &unknownFields)
        }

        public func encode(to e: inout WireEncoder) {
            e.appendUnknownFields(unknownFields)
        }
    }
}
