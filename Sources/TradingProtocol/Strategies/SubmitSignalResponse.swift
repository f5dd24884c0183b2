import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubmitSignalResponse`. `order` is set when the signal placed an order.
    public struct SubmitSignalResponse: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubmitSignalResponse"
        public var signalID = ""
        public var accepted = false
        public var order: Order?
        public var reasonCode = ""
        public var reasonMessage = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &signalID)
            case 2: accepted = try d.decodeBool(tag)
            case 3: try d.decodeMessage(tag, into: &order)
            case 4: try d.decodeString(tag, into: &reasonCode)
            case 5: try d.decodeString(tag, into: &reasonMessage)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, signalID)
            e.encodeBool(2, accepted)
            e.encodeMessage(3, order)
            e.encodeString(4, reasonCode)
            e.encodeString(5, reasonMessage)
            e.appendUnknownFields(unknownFields)
        }
    }
}
