import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.InstrumentLimits`: per-instrument overrides; "" uses the account-wide value.
    public struct InstrumentLimits: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.InstrumentLimits"
        public var maxOrderQuantity = ""
        public var maxOrderNotional = ""
        public var maxPositionQuantity = ""
        public var priceCollarFraction = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: maxOrderQuantity = try d.decodeString(tag)
            case 2: maxOrderNotional = try d.decodeString(tag)
            case 3: maxPositionQuantity = try d.decodeString(tag)
            case 4: priceCollarFraction = try d.decodeString(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, maxOrderQuantity)
            e.encodeString(2, maxOrderNotional)
            e.encodeString(3, maxPositionQuantity)
            e.encodeString(4, priceCollarFraction)
            e.appendUnknownFields(unknownFields)
        }
    }
}
