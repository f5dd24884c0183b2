import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubscribeQuotesRequest`. `fromSequence` nil: the latest quote per symbol,
    /// then live; set: every event with `sequence >= fromSequence`, then live.
    public struct SubscribeQuotesRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubscribeQuotesRequest"
        /// Empty: every instrument.
        public var symbols: [String] = []
        public var includeBars = false
        public var fromSequence: UInt64?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeRepeatedString(tag, into: &symbols)
            case 2: includeBars = try d.decodeBool(tag)
            case 3: fromSequence = try d.decodeUInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeRepeatedString(1, symbols)
            e.encodeBool(2, includeBars)
            if let fromSequence { e.encodeUInt64(3, fromSequence, force: true) }
            e.appendUnknownFields(unknownFields)
        }
    }
}
