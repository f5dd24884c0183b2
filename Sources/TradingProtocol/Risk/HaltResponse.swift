import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.HaltResponse`.
    public struct HaltResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.HaltResponse"
        public var state: RiskState?
        public var cancelledOrders: UInt32 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeMessage(tag, into: &state)
            case 2: cancelledOrders = try d.decodeUInt32(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeMessage(1, state)
            e.encodeUInt32(2, cancelledOrders)
            e.appendUnknownFields(unknownFields)
        }
    }
}
