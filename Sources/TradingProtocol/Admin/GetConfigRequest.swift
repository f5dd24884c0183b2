import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.GetConfigRequest`. `version` 0 means the current version.
    public struct GetConfigRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.GetConfigRequest"
        public var version: UInt64 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: version = try d.decodeUInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeUInt64(1, version)
            e.appendUnknownFields(unknownFields)
        }
    }
}
