import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubscribePositionsRequest`. `fromSequence` nil: a snapshot of current
    /// positions, then live; set: every event with `sequence >= fromSequence`, then live.
    public struct SubscribePositionsRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubscribePositionsRequest"
        public var fromSequence: UInt64?
        public var symbols: [String] = []
        public var accountID = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: fromSequence = try d.decodeUInt64(tag)
            case 2: try d.decodeRepeatedString(tag, into: &symbols)
            case 3: try d.decodeString(tag, into: &accountID)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            if let fromSequence { e.encodeUInt64(1, fromSequence, force: true) }
            e.encodeRepeatedString(2, symbols)
            e.encodeString(3, accountID)
            e.appendUnknownFields(unknownFields)
        }
    }
}
