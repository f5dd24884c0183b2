import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetConfigResponse`: the JSON document with secrets redacted.
    public struct GetConfigResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetConfigResponse"
        public var document = ""
        public var version: ConfigVersion?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &document)
            case 2: try d.decodeMessage(tag, into: &version)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, document)
            e.encodeMessage(2, version)
            e.appendUnknownFields(unknownFields)
        }
    }
}
