import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ComponentHealth`: one component ("store", "broker", "market_data", ...).
    public struct ComponentHealth: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ComponentHealth"
        public var name = ""
        public var state = ComponentState.unspecified
        public var detail = ""
        public var since: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &name)
            case 2: state = try d.decodeEnum(tag)
            case 3: try d.decodeString(tag, into: &detail)
            case 4: try d.decodeMessage(tag, into: &since)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, name)
            e.encodeEnum(2, state)
            e.encodeString(3, detail)
            e.encodeMessage(4, since)
            e.appendUnknownFields(unknownFields)
        }
    }
}
