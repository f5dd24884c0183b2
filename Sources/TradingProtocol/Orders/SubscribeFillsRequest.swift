import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubscribeFillsRequest`. `fromSequence` nil: start from now (state streams begin with a
    /// snapshot); set: every event with `sequence >= fromSequence`, replayed, then live.
    public struct SubscribeFillsRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubscribeFillsRequest"
        public var fromSequence: UInt64?
        /// Empty: every symbol.
        public var symbols: [String] = []
        public var strategyID = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: fromSequence = try d.decodeUInt64(tag)
            case 2: try d.decodeRepeatedString(tag, into: &symbols)
            case 3: try d.decodeString(tag, into: &strategyID)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            if let fromSequence { e.encodeUInt64(1, fromSequence, force: true) }
            e.encodeRepeatedString(2, symbols)
            e.encodeString(3, strategyID)
            e.appendUnknownFields(unknownFields)
        }
    }
}
