/// Field writers. Singular scalars are omitted when they hold the proto3 default unless `force`
/// is set (used for `optional` fields and oneof members, whose presence is explicit).
extension WireEncoder {
    @inlinable @inline(__always)
    public mutating func encodeInt32(_ field: Int, _ value: Int32, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .varint)
        appendVarint(UInt64(bitPattern: Int64(value)))
    }

    @inlinable @inline(__always)
    public mutating func encodeInt64(_ field: Int, _ value: Int64, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .varint)
        appendVarint(UInt64(bitPattern: value))
    }

    @inlinable @inline(__always)
    public mutating func encodeUInt32(_ field: Int, _ value: UInt32, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .varint)
        appendVarint(UInt64(value))
    }

    @inlinable @inline(__always)
    public mutating func encodeUInt64(_ field: Int, _ value: UInt64, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .varint)
        appendVarint(value)
    }

    @inlinable
    public mutating func encodeSInt32(_ field: Int, _ value: Int32, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .varint)
        appendVarint(UInt64(ZigZag.encode(value)))
    }

    @inlinable
    public mutating func encodeSInt64(_ field: Int, _ value: Int64, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .varint)
        appendVarint(ZigZag.encode(value))
    }

    @inlinable
    public mutating func encodeFixed32(_ field: Int, _ value: UInt32, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .fixed32)
        appendFixed32(value)
    }

    @inlinable
    public mutating func encodeFixed64(_ field: Int, _ value: UInt64, force: Bool = false) {
        guard value != 0 || force else { return }
        appendTag(field, .fixed64)
        appendFixed64(value)
    }

    @inlinable
    public mutating func encodeSFixed32(_ field: Int, _ value: Int32, force: Bool = false) {
        encodeFixed32(field, UInt32(bitPattern: value), force: force)
    }

    @inlinable
    public mutating func encodeSFixed64(_ field: Int, _ value: Int64, force: Bool = false) {
        encodeFixed64(field, UInt64(bitPattern: value), force: force)
    }

    /// Proto3 omits a float only when it is +0.0 (its bit pattern is zero); -0.0 is written.
    @inlinable
    public mutating func encodeFloat(_ field: Int, _ value: Float, force: Bool = false) {
        encodeFixed32(field, value.bitPattern, force: force)
    }

    /// Proto3 omits a double only when it is +0.0 (its bit pattern is zero); -0.0 is written.
    @inlinable
    public mutating func encodeDouble(_ field: Int, _ value: Double, force: Bool = false) {
        encodeFixed64(field, value.bitPattern, force: force)
    }

    @inlinable @inline(__always)
    public mutating func encodeBool(_ field: Int, _ value: Bool, force: Bool = false) {
        guard value || force else { return }
        appendTag(field, .varint)
        appendByte(value ? 1 : 0)
    }

    @inlinable @inline(__always)
    public mutating func encodeEnum<E: WireEnum>(_ field: Int, _ value: E, force: Bool = false) {
        encodeInt32(field, value.rawValue, force: force)
    }

    @inlinable @inline(__always)
    public mutating func encodeString(_ field: Int, _ value: String, force: Bool = false) {
        if let small = SmallStringLayout.words(of: value) {
            guard small.count != 0 || force else { return }
            // Key (at most 5 bytes), a one-byte length and both words stored whole (16 bytes; only
            // `count` of them are kept, the rest is overwritten by whatever comes next).
            reserve(21)
            appendVarintUnchecked(UInt64(truncatingIfNeeded: field) << 3 | UInt64(WireType.lengthDelimited.rawValue))
            let target = UnsafeMutableRawPointer(pointer + length)
            target.storeBytes(of: UInt8(truncatingIfNeeded: small.count), as: UInt8.self)
            target.storeBytes(of: small.low, toByteOffset: 1, as: UInt64.self)
            target.storeBytes(of: small.high, toByteOffset: 9, as: UInt64.self)
            length &+= 1 &+ small.count
            return
        }
        let utf8 = value.utf8
        let length = utf8.count
        guard length != 0 || force else { return }
        // One capacity check for key (at most 5 bytes), length (at most 10) and payload.
        reserve(length &+ 15)
        appendVarintUnchecked(UInt64(truncatingIfNeeded: field) << 3 | UInt64(WireType.lengthDelimited.rawValue))
        appendVarintUnchecked(UInt64(length))
        // Native strings (and small ones) expose contiguous UTF-8; others are copied byte by byte.
        let copied: Bool? = utf8.withContiguousStorageIfAvailable { buffer in
            appendRawUnchecked(UnsafeRawBufferPointer(buffer))
            return true
        }
        if copied == nil {
            for byte in utf8 { appendByte(byte) }
        }
    }

    @inlinable
    public mutating func encodeBytes(_ field: Int, _ value: [UInt8], force: Bool = false) {
        guard !value.isEmpty || force else { return }
        appendTag(field, .lengthDelimited)
        appendVarint(UInt64(value.count))
        appendRaw(value)
    }

    /// Writes a nested message when present (a present message is written even if empty).
    @inlinable
    public mutating func encodeMessage<M: WireMessage>(_ field: Int, _ value: M?) {
        guard let value else { return }
        let lengthAt = beginLengthDelimited(field)
        value.encode(to: &self)
        endLengthDelimited(lengthAt)
    }

    // MARK: Repeated

    /// Writes one length-delimited record per element.
    @inlinable
    public mutating func encodeRepeatedString(_ field: Int, _ values: [String]) {
        for value in values { encodeString(field, value, force: true) }
    }

    @inlinable
    public mutating func encodeRepeatedBytes(_ field: Int, _ values: [[UInt8]]) {
        for value in values { encodeBytes(field, value, force: true) }
    }

    @inlinable
    public mutating func encodeRepeatedMessage<M: WireMessage>(_ field: Int, _ values: [M]) {
        for value in values {
            let lengthAt = beginLengthDelimited(field)
            value.encode(to: &self)
            endLengthDelimited(lengthAt)
        }
    }

    /// Writes a packed repeated varint field (proto3's default for repeated scalars).
    @inlinable
    public mutating func encodePackedVarints<T>(_ field: Int, _ values: [T], _ toWire: (T) -> UInt64) {
        guard !values.isEmpty else { return }
        var length = 0
        for value in values { length += WireEncoder.varintSize(toWire(value)) }
        appendTag(field, .lengthDelimited)
        appendVarint(UInt64(length))
        for value in values { appendVarint(toWire(value)) }
    }

    @inlinable
    public mutating func encodePackedInt32(_ field: Int, _ values: [Int32]) {
        encodePackedVarints(field, values) { UInt64(bitPattern: Int64($0)) }
    }

    @inlinable
    public mutating func encodePackedInt64(_ field: Int, _ values: [Int64]) {
        encodePackedVarints(field, values) { UInt64(bitPattern: $0) }
    }

    @inlinable
    public mutating func encodePackedUInt32(_ field: Int, _ values: [UInt32]) {
        encodePackedVarints(field, values) { UInt64($0) }
    }

    @inlinable
    public mutating func encodePackedUInt64(_ field: Int, _ values: [UInt64]) {
        encodePackedVarints(field, values) { $0 }
    }

    @inlinable
    public mutating func encodePackedSInt32(_ field: Int, _ values: [Int32]) {
        encodePackedVarints(field, values) { UInt64(ZigZag.encode($0)) }
    }

    @inlinable
    public mutating func encodePackedSInt64(_ field: Int, _ values: [Int64]) {
        encodePackedVarints(field, values) { ZigZag.encode($0) }
    }

    @inlinable
    public mutating func encodePackedBool(_ field: Int, _ values: [Bool]) {
        encodePackedVarints(field, values) { $0 ? 1 : 0 }
    }

    @inlinable
    public mutating func encodePackedEnum<E: WireEnum>(_ field: Int, _ values: [E]) {
        encodePackedVarints(field, values) { UInt64(bitPattern: Int64($0.rawValue)) }
    }

    @inlinable
    public mutating func encodePackedFixed32(_ field: Int, _ values: [UInt32]) {
        guard !values.isEmpty else { return }
        appendTag(field, .lengthDelimited)
        appendVarint(UInt64(values.count * 4))
        for value in values { appendFixed32(value) }
    }

    @inlinable
    public mutating func encodePackedFixed64(_ field: Int, _ values: [UInt64]) {
        guard !values.isEmpty else { return }
        appendTag(field, .lengthDelimited)
        appendVarint(UInt64(values.count * 8))
        for value in values { appendFixed64(value) }
    }

    @inlinable
    public mutating func encodePackedFloat(_ field: Int, _ values: [Float]) {
        encodePackedFixed32(field, values.map(\.bitPattern))
    }

    @inlinable
    public mutating func encodePackedDouble(_ field: Int, _ values: [Double]) {
        encodePackedFixed64(field, values.map(\.bitPattern))
    }

    // MARK: Maps

    /// Writes a `map<string, string>` as entries sorted by the keys' UTF-8 bytes, so the bytes are
    /// deterministic and match the reference implementations' deterministic mode.
    /// Key and value are always written inside an entry, as the reference implementations do.
    @inlinable
    public mutating func encodeStringMap(_ field: Int, _ map: [String: String]) {
        for key in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let value = map[key] ?? ""
            appendLengthDelimited(field) { entry in
                entry.encodeString(1, key, force: true)
                entry.encodeString(2, value, force: true)
            }
        }
    }

    /// Writes a `map<string, Message>` as entries sorted by key, so the bytes are deterministic.
    @inlinable
    public mutating func encodeMessageMap<M: WireMessage>(_ field: Int, _ map: [String: M]) {
        for key in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let value = map[key] else { continue }
            appendLengthDelimited(field) { entry in
                entry.encodeString(1, key, force: true)
                entry.encodeMessage(2, value)
            }
        }
    }
}
