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
            case 1: try d.decodeString(tag, into: &maxOrderQuantity)
            case 2: try d.decodeString(tag, into: &maxOrderNotional)
            case 3: try d.decodeString(tag, into: &maxPositionQuantity)
            case 4: try d.decodeString(tag, into: &priceCollarFraction)
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
