import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubmitSignalRequest`: an external system's trade signal. It is sized and
    /// risk-checked like a built-in strategy's signal; `signalID` is the idempotency key.
    public struct SubmitSignalRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubmitSignalRequest"
        public var signalID = ""
        public var strategyID = ""
        public var symbol = ""
        public var direction = SignalDirection.unspecified
        /// nil: the engine sizes by its configured risk fraction.
        public var size: Size?
        public var stopPrice = ""
        public var takeProfitPrice = ""
        public var generatedAt: Timestamp?
        public var note = ""
        public var unknownFields = UnknownFields()

        /// The `oneof size` members: an absolute quantity or a fraction of equity to risk.
        public enum Size: Sendable, Hashable {
            case quantity(String)
            case riskFraction(String)
        }

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &signalID)
            case 2: try d.decodeString(tag, into: &strategyID)
            case 3: try d.decodeString(tag, into: &symbol)
            case 4: direction = try d.decodeEnum(tag)
            case 5: size = .quantity(try d.decodeString(tag))
            case 6: size = .riskFraction(try d.decodeString(tag))
            case 7: try d.decodeString(tag, into: &stopPrice)
            case 8: try d.decodeString(tag, into: &takeProfitPrice)
            case 9: try d.decodeMessage(tag, into: &generatedAt)
            case 10: try d.decodeString(tag, into: &note)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, signalID)
            e.encodeString(2, strategyID)
            e.encodeString(3, symbol)
            e.encodeEnum(4, direction)
            switch size {
            case .quantity(let value)?: e.encodeString(5, value, force: true)
            case .riskFraction(let value)?: e.encodeString(6, value, force: true)
            case nil: break
            }
            e.encodeString(7, stopPrice)
            e.encodeString(8, takeProfitPrice)
            e.encodeMessage(9, generatedAt)
            e.encodeString(10, note)
            e.appendUnknownFields(unknownFields)
        }
    }
}
