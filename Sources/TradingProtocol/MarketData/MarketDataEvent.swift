import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.MarketDataEvent`: a quote or a completed bar; `payload` is the proto oneof.
    public struct MarketDataEvent: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.MarketDataEvent"
        /// Monotonic per market-data stream, starting at 1.
        public var sequence: UInt64 = 0
        public var payload: Payload?
        public var unknownFields = UnknownFields()

        /// The `oneof payload` members.
        public enum Payload: Sendable, Equatable {
            case quote(Quote)
            case bar(Bar)
        }

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: sequence = try d.decodeUInt64(tag)
            case 2:
                var value: Quote? = nil
                if case .quote(let old)? = payload { value = old }
                try d.decodeMessage(tag, into: &value)
                payload = value.map(Payload.quote)
            case 3:
                var value: Bar? = nil
                if case .bar(let old)? = payload { value = old }
                try d.decodeMessage(tag, into: &value)
                payload = value.map(Payload.bar)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeUInt64(1, sequence)
            switch payload {
            case .quote(let value)?: e.encodeMessage(2, value)
            case .bar(let value)?: e.encodeMessage(3, value)
            case nil: break
            }
            e.appendUnknownFields(unknownFields)
        }
    }
}
