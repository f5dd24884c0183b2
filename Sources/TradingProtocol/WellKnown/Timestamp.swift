import WireFormat

extension GoogleProtobuf {
    /// `google.protobuf.Timestamp`: seconds and nanoseconds since the Unix epoch (UTC).
    ///
    /// Kept as the raw pair so decoding never fails on an out-of-range value; call `validated`
    /// where a handler needs a usable instant (seconds within years 0001...9999, nanos 0...999,999,999).
    public struct Timestamp: ProtoMessage, Hashable {
        public static let protoMessageName = "google.protobuf.Timestamp"
        public var seconds: Int64 = 0
        public var nanos: Int32 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        public init(seconds: Int64, nanos: Int32 = 0) {
            self.seconds = seconds
            self.nanos = nanos
        }

        /// The field switch is inlined here: every Fill and Order carries one or two timestamps.
        public mutating func merge(from decoder: inout WireDecoder) throws(WireDecodingError) {
            while let tag = try decoder.nextTag() { try decodeField(tag, from: &decoder) }
        }

        @inline(__always)
        public mutating func decodeField(_ tag: WireTag, from decoder: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: seconds = try decoder.decodeInt64(tag)
            case 2: nanos = try decoder.decodeInt32(tag)
            default: try decoder.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to encoder: inout WireEncoder) {
            encoder.encodeInt64(1, seconds)
            encoder.encodeInt32(2, nanos)
            encoder.appendUnknownFields(unknownFields)
        }

        /// The smallest and largest seconds the protobuf spec allows (0001-01-01 ... 9999-12-31).
        public static let validSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

        /// Self, if it is a valid instant; otherwise an error naming `field`.
        public func validated(field: String) throws(WireDecodingError) -> Timestamp {
            guard Self.validSeconds.contains(seconds) else {
                throw .invalidValue(field: field, reason: "timestamp seconds out of range")
            }
            guard (0...999_999_999).contains(nanos) else {
                throw .invalidValue(field: field, reason: "timestamp nanos out of range")
            }
            return self
        }

        /// Nanoseconds since the epoch, or nil if that overflows Int64 (beyond year 2262).
        public var nanosecondsSinceEpoch: Int64? {
            let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            guard !overflow else { return nil }
            let (sum, overflow2) = scaled.addingReportingOverflow(Int64(nanos))
            return overflow2 ? nil : sum
        }

        /// A timestamp from nanoseconds since the epoch (nanos always non-negative).
        public init(nanosecondsSinceEpoch value: Int64) {
            var secs = value / 1_000_000_000
            var rem = value % 1_000_000_000
            if rem < 0 { secs -= 1; rem += 1_000_000_000 }
            self.init(seconds: secs, nanos: Int32(rem))
        }
    }
}
