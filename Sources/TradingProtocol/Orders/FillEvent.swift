import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.FillEvent`: one fill on the fill stream.
    public struct FillEvent: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.FillEvent"
        /// Monotonic per fill stream, starting at 1.
        public var sequence: UInt64 = 0
        public var fill: Fill?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: sequence = try d.decodeUInt64(tag)
            case 2: try d.decodeMessage(tag, into: &fill)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeUInt64(1, sequence)
            e.encodeMessage(2, fill)
            e.appendUnknownFields(unknownFields)
        }
    }
}
