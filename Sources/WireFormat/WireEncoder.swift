/// Accumulates protobuf wire bytes.
///
/// A value type owned by one caller at a time. Reuse one encoder across messages
/// (`removeAll(keepingCapacity:)`) to encode without allocating. Nested messages are written in
/// place with a one-byte length that is widened afterwards only when the body exceeds 127 bytes,
/// so no message needs a separate size pass.
public struct WireEncoder: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the bytes written so far, keeping the buffer for the next message.
    @inlinable
    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }
}

// MARK: - Primitives

extension WireEncoder {
    /// The number of bytes `value` takes as a varint (1 ... 10).
    @inlinable
    public static func varintSize(_ value: UInt64) -> Int {
        // Each byte carries 7 bits; a zero value still takes one byte.
        let bits = 64 - (value | 1).leadingZeroBitCount
        return (bits + 6) / 7
    }

    /// Appends `value` as a base-128 varint.
    @inlinable
    public mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// Appends a field key.
    @inlinable
    public mutating func appendTag(_ fieldNumber: Int, _ wireType: WireType) {
        appendVarint(UInt64(truncatingIfNeeded: fieldNumber) << 3 | UInt64(wireType.rawValue))
    }

    /// Appends four little-endian bytes.
    @inlinable
    public mutating func appendFixed32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends eight little-endian bytes.
    @inlinable
    public mutating func appendFixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends raw bytes (no tag, no length).
    @inlinable
    public mutating func appendRaw(_ raw: some Collection<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Appends the unknown fields a message kept from decoding, unchanged.
    @inlinable
    public mutating func appendUnknownFields(_ unknown: UnknownFields) {
        if !unknown.bytes.isEmpty { bytes.append(contentsOf: unknown.bytes) }
    }

    /// Writes a length-delimited field whose body is produced by `body`.
    ///
    /// The length is reserved as one byte and widened (by shifting the body) only when the body
    /// turns out to be 128 bytes or longer.
    @inlinable
    public mutating func appendLengthDelimited(_ fieldNumber: Int, _ body: (inout WireEncoder) -> Void) {
        appendTag(fieldNumber, .lengthDelimited)
        let lengthAt = bytes.count
        bytes.append(0)
        body(&self)
        let length = bytes.count - lengthAt - 1
        if length < 0x80 {
            bytes[lengthAt] = UInt8(truncatingIfNeeded: length)
            return
        }
        let size = WireEncoder.varintSize(UInt64(length))
        bytes.insert(contentsOf: repeatElement(0, count: size - 1), at: lengthAt + 1)
        var v = UInt64(length)
        for i in 0..<size {
            let more: UInt8 = i == size - 1 ? 0 : 0x80
            bytes[lengthAt + i] = UInt8(truncatingIfNeeded: v & 0x7F) | more
            v >>= 7
        }
    }
}
