import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.UpdateConfigResponse`: the new version and a unified diff against the previous one.
    public struct UpdateConfigResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.UpdateConfigResponse"
        public var version: ConfigVersion?
        public var diff = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &version)
            case 2: try d.decodeString(tag, into: &diff)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, version)
            e.encodeString(2, diff)
            e.appendUnknownFields(unknownFields)
        }
    }
}
