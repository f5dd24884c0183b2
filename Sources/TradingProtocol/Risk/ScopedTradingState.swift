import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.ScopedTradingState`: a trading-state override for one instrument.
    public struct ScopedTradingState: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.ScopedTradingState"
        public var symbol = ""
        public var state = TradingState.unspecified
        public var reason = ""
        /// The admin whose halt of this instrument is in force ("" if none).
        public var haltedBy = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &symbol)
            case 2: state = try d.decodeEnum(tag)
            case 3: try d.decodeString(tag, into: &reason)
            case 4: try d.decodeString(tag, into: &haltedBy)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, symbol)
            e.encodeEnum(2, state)
            e.encodeString(3, reason)
            e.encodeString(4, haltedBy)
            e.appendUnknownFields(unknownFields)
        }
    }
}
