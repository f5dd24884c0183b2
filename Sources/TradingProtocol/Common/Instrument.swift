import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Instrument`: what may be traded and at which granularity.
    public struct Instrument: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Instrument"
        public var symbol = ""
        public var description = ""
        public var baseCurrency = ""
        public var quoteCurrency = ""
        /// Decimal places of prices.
        public var pricePrecision: UInt32 = 0
        /// Decimal places of quantities.
        public var quantityPrecision: UInt32 = 0
        public var tickSize = ""
        public var lotSize = ""
        public var minQuantity = ""
        public var contractMultiplier = ""
        public var tradable = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &symbol)
            case 2: try d.decodeString(tag, into: &description)
            case 3: try d.decodeString(tag, into: &baseCurrency)
            case 4: try d.decodeString(tag, into: &quoteCurrency)
            case 5: pricePrecision = try d.decodeUInt32(tag)
            case 6: quantityPrecision = try d.decodeUInt32(tag)
            case 7: try d.decodeString(tag, into: &tickSize)
            case 8: try d.decodeString(tag, into: &lotSize)
            case 9: try d.decodeString(tag, into: &minQuantity)
            case 10: try d.decodeString(tag, into: &contractMultiplier)
            case 11: tradable = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, symbol)
            e.encodeString(2, description)
            e.encodeString(3, baseCurrency)
            e.encodeString(4, quoteCurrency)
            e.encodeUInt32(5, pricePrecision)
            e.encodeUInt32(6, quantityPrecision)
            e.encodeString(7, tickSize)
            e.encodeString(8, lotSize)
            e.encodeString(9, minQuantity)
            e.encodeString(10, contractMultiplier)
            e.encodeBool(11, tradable)
            e.appendUnknownFields(unknownFields)
        }
    }
}
