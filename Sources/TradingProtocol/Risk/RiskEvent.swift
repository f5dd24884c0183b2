import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.RiskEvent`: one event on the risk stream; `event` is the proto oneof.
    public struct RiskEvent: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.RiskEvent"
        /// Monotonic per risk stream, starting at 1.
        public var sequence: UInt64 = 0
        public var time: Timestamp?
        public var event: Event?
        public var unknownFields = UnknownFields()

        /// The `oneof event` members.
        public enum Event: Sendable, Equatable {
            case limitBreached(LimitBreached)
            case stopUpdated(StopUpdated)
            case circuitBreakerTripped(CircuitBreakerTripped)
            case circuitBreakerReset(CircuitBreakerReset)
            case tradingStateChanged(TradingStateChanged)
            case orderRejected(OrderRejected)
            case fillTimeout(FillTimeout)
        }

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            // A repeated oneof member merges into the previous value of the same member (protobuf
            // semantics); a different member replaces it.
            switch tag.fieldNumber {
            case 1: sequence = try d.decodeUInt64(tag)
            case 2: try d.decodeMessage(tag, into: &time)
            case 3:
                var value: LimitBreached? = nil
                if case .limitBreached(let old)? = event { value = old }
                try d.decodeMessage(tag, into: &value)
                event = value.map(Event.limitBreached)
            case 4:
                var value: StopUpdated? = nil
                if case .stopUpdated(let old)? = event { value = old }
                try d.decodeMessage(tag, into: &value)
                event = value.map(Event.stopUpdated)
            case 5:
                var value: CircuitBreakerTripped? = nil
                if case .circuitBreakerTripped(let old)? = event { value = old }
                try d.decodeMessage(tag, into: &value)
                event = value.map(Event.circuitBreakerTripped)
            case 6:
                var value: CircuitBreakerReset? = nil
                if case .circuitBreakerReset(let old)? = event { value = old }
                try d.decodeMessage(tag, into: &value)
                event = value.map(Event.circuitBreakerReset)
            case 7:
                var value: TradingStateChanged? = nil
                if case .tradingStateChanged(let old)? = event { value = old }
                try d.decodeMessage(tag, into: &value)
                event = value.map(Event.tradingStateChanged)
            case 8:
                var value: OrderRejected? = nil
                if case .orderRejected(let old)? = event { value = old }
                try d.decodeMessage(tag, into: &value)
                event = value.map(Event.orderRejected)
            case 9:
                var value: FillTimeout? = nil
                if case .fillTimeout(let old)? = event { value = old }
                try d.decodeMessage(tag, into: &value)
                event = value.map(Event.fillTimeout)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeUInt64(1, sequence)
            e.encodeMessage(2, time)
            switch event {
            case .limitBreached(let value)?: e.encodeMessage(3, value)
            case .stopUpdated(let value)?: e.encodeMessage(4, value)
            case .circuitBreakerTripped(let value)?: e.encodeMessage(5, value)
            case .circuitBreakerReset(let value)?: e.encodeMessage(6, value)
            case .tradingStateChanged(let value)?: e.encodeMessage(7, value)
            case .orderRejected(let value)?: e.encodeMessage(8, value)
            case .fillTimeout(let value)?: e.encodeMessage(9, value)
            case nil: break
            }
            e.appendUnknownFields(unknownFields)
        }
    }
}
