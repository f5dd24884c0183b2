import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Bar`: an OHLCV bar starting at `startTime` and lasting `intervalSeconds`.
    public struct Bar: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Bar"
        public var symbol = ""
        public var startTime: Timestamp?
        public var intervalSeconds: UInt32 = 0
        public var open = ""
        public var high = ""
        public var low = ""
        public var close = ""
        public var volume = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &symbol)
            case 2: try d.decodeMessage(tag, into: &startTime)
            case 3: intervalSeconds = try d.decodeUInt32(tag)
            case 4: try d.decodeString(tag, into: &open)
            case 5: try d.decodeString(tag, into: &high)
            case 6: try d.decodeString(tag, into: &low)
            case 7: try d.decodeString(tag, into: &close)
            case 8: try d.decodeString(tag, into: &volume)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, symbol)
            e.encodeMessage(2, startTime)
            e.encodeUInt32(3, intervalSeconds)
            e.encodeString(4, open)
            e.encodeString(5, high)
            e.encodeString(6, low)
            e.encodeString(7, close)
            e.encodeString(8, volume)
            e.appendUnknownFields(unknownFields)
        }
    }
}
