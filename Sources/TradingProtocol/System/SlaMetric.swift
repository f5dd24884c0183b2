import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SlaMetric`: one SLA row as measured now (a measurement, not money, so
    /// `Double` is appropriate). `met` is true when `value` is within `target`.
    public struct SlaMetric: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SlaMetric"
        public var name = ""
        public var value: Double = 0
        public var target: Double = 0
        public var unit = ""
        public var met = false
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &name)
            case 2: value = try d.decodeDouble(tag)
            case 3: target = try d.decodeDouble(tag)
            case 4: try d.decodeString(tag, into: &unit)
            case 5: met = try d.decodeBool(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, name)
            e.encodeDouble(2, value)
            e.encodeDouble(3, target)
            e.encodeString(4, unit)
            e.encodeBool(5, met)
            e.appendUnknownFields(unknownFields)
        }
    }
}
