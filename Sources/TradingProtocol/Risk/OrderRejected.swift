import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.OrderRejected`: a pre-trade risk rejection (the order RPC itself fails with
    /// FAILED_PRECONDITION carrying the same `reasonCode`).
    public struct OrderRejected: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.OrderRejected"
        public var clientOrderID = ""
        public var symbol = ""
        public var reasonCode = ""
        public var message = ""
        public var strategyID = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &clientOrderID)
            case 2: try d.decodeString(tag, into: &symbol)
            case 3: try d.decodeString(tag, into: &reasonCode)
            case 4: try d.decodeString(tag, into: &message)
            case 5: try d.decodeString(tag, into: &strategyID)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, clientOrderID)
            e.encodeString(2, symbol)
            e.encodeString(3, reasonCode)
            e.encodeString(4, message)
            e.encodeString(5, strategyID)
            e.appendUnknownFields(unknownFields)
        }
    }
}
