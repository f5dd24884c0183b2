/// Accumulates protobuf wire bytes.
///
/// Non-copyable and backed by one raw buffer it owns, so every write is a bounds check and a store
/// (no copy-on-write uniqueness test per byte, which dominated encoding with `[UInt8]`). Reuse one
/// encoder across messages (`removeAll(keepingCapacity:)`) to encode without allocating. Nested
/// messages are written in place with a one-byte length that is widened afterwards only when the
/// body exceeds 127 bytes, so no message needs a separate size pass. Owned by one caller at a time.
public struct WireEncoder: ~Copyable, @unchecked Sendable {
    @usableFromInline var pointer: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var length: Int

    /// Number of bytes written so far.
    @inlinable
    public var count: Int { length }

    public init(reservingCapacity capacity: Int = 64) {
        self.capacity = Swift.max(16, capacity)
        self.pointer = .allocate(capacity: self.capacity)
        self.length = 0
    }

    deinit { pointer.deallocate() }

    /// The bytes written so far, as an array (a copy). Setting replaces the contents.
    public var bytes: [UInt8] {
        get { Array(UnsafeBufferPointer(start: pointer, count: length)) }
        set {
            length = 0
            newValue.withUnsafeBytes { appendRaw($0) }
        }
    }

    /// Calls `body` with the bytes written so far, without copying them.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    /// Forgets the bytes written so far, keeping the buffer for the next message.
    @inlinable
    public mutating func removeAll(keepingCapacity: Bool = true) {
        length = 0
    }

    /// Makes room for `extra` more bytes.
    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if length &+ extra > capacity { grow(extra) }
    }

    @usableFromInline
    mutating func grow(_ extra: Int) {
        let newCapacity = Swift.max(capacity &* 2, length &+ extra)
        let newPointer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newPointer.update(from: pointer, count: length)
        pointer.deallocate()
        pointer = newPointer
        capacity = newCapacity
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func appendByte(_ byte: UInt8) {
        reserve(1)
        pointer[length] = byte
        length &+= 1
    }

    /// Appends raw bytes (no tag, no length).
    @inlinable @inline(__always)
    public mutating func appendRaw(_ raw: UnsafeRawBufferPointer) {
        reserve(raw.count)
        appendRawUnchecked(raw)
    }

    /// Appends raw bytes into capacity already reserved.
    @inlinable @inline(__always)
    mutating func appendRawUnchecked(_ raw: UnsafeRawBufferPointer) {
        let n = raw.count
        guard n > 0, let source = raw.baseAddress else { return }
        let target = UnsafeMutableRawPointer(pointer + length)
        if n <= 16 {
            // Most strings are short ids and decimals: two overlapping word copies beat a call into
            // memmove (a byte loop is turned back into that call by the optimizer).
            if n >= 8 {
                let head = source.loadUnaligned(as: UInt64.self)
                let tail = source.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                target.storeBytes(of: head, as: UInt64.self)
                target.storeBytes(of: tail, toByteOffset: n &- 8, as: UInt64.self)
            } else if n >= 4 {
                let head = source.loadUnaligned(as: UInt32.self)
                let tail = source.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
                target.storeBytes(of: head, as: UInt32.self)
                target.storeBytes(of: tail, toByteOffset: n &- 4, as: UInt32.self)
            } else {
                // 1 to 3 bytes: first, middle and last (some the same byte).
                let first = source.load(as: UInt8.self)
                let middle = source.load(fromByteOffset: n &>> 1, as: UInt8.self)
                let last = source.load(fromByteOffset: n &- 1, as: UInt8.self)
                target.storeBytes(of: first, as: UInt8.self)
                target.storeBytes(of: middle, toByteOffset: n &>> 1, as: UInt8.self)
                target.storeBytes(of: last, toByteOffset: n &- 1, as: UInt8.self)
            }
        } else {
            target.copyMemory(from: source, byteCount: n)
        }
        length &+= n
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
    @inlinable @inline(__always)
    public mutating func appendVarint(_ value: UInt64) {
        reserve(10)
        appendVarintUnchecked(value)
    }

    /// Appends a varint into capacity already reserved (at least 10 bytes, or the value's size).
    @inlinable @inline(__always)
    mutating func appendVarintUnchecked(_ value: UInt64) {
        var v = value
        var i = length
        while v >= 0x80 {
            pointer[i] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            i &+= 1
        }
        pointer[i] = UInt8(truncatingIfNeeded: v)
        length = i &+ 1
    }

    /// Appends a field key.
    @inlinable @inline(__always)
    public mutating func appendTag(_ fieldNumber: Int, _ wireType: WireType) {
        appendVarint(UInt64(truncatingIfNeeded: fieldNumber) << 3 | UInt64(wireType.rawValue))
    }

    /// Appends four little-endian bytes.
    @inlinable
    public mutating func appendFixed32(_ value: UInt32) {
        reserve(4)
        UnsafeMutableRawPointer(pointer + length).storeBytes(of: value.littleEndian, as: UInt32.self)
        length &+= 4
    }

    /// Appends eight little-endian bytes.
    @inlinable
    public mutating func appendFixed64(_ value: UInt64) {
        reserve(8)
        UnsafeMutableRawPointer(pointer + length).storeBytes(of: value.littleEndian, as: UInt64.self)
        length &+= 8
    }

    /// Appends raw bytes (no tag, no length).
    @inlinable
    public mutating func appendRaw(_ raw: [UInt8]) {
        raw.withUnsafeBytes { appendRaw($0) }
    }

    /// Appends the unknown fields a message kept from decoding, unchanged.
    @inlinable
    public mutating func appendUnknownFields(_ unknown: UnknownFields) {
        if !unknown.bytes.isEmpty { appendRaw(unknown.bytes) }
    }

    /// Writes a length-delimited field whose body is produced by `body`.
    ///
    /// The length is reserved as one byte and widened (by shifting the body) only when the body
    /// turns out to be 128 bytes or longer.
    @inlinable
    public mutating func appendLengthDelimited(_ fieldNumber: Int, _ body: (inout WireEncoder) -> Void) {
        let lengthAt = beginLengthDelimited(fieldNumber)
        body(&self)
        endLengthDelimited(lengthAt)
    }

    /// Writes the key of a length-delimited field and a one-byte length placeholder; returns the
    /// placeholder's position for `endLengthDelimited`.
    @inlinable @inline(__always)
    public mutating func beginLengthDelimited(_ fieldNumber: Int) -> Int {
        appendTag(fieldNumber, .lengthDelimited)
        let lengthAt = length
        appendByte(0)
        return lengthAt
    }

    /// Fills in the length placeholder at `lengthAt` with the number of bytes written since,
    /// widening it (by shifting the body) only when the body is 128 bytes or longer.
    @inlinable @inline(__always)
    public mutating func endLengthDelimited(_ lengthAt: Int) {
        let bodyLength = length &- lengthAt &- 1
        if bodyLength < 0x80 {
            pointer[lengthAt] = UInt8(truncatingIfNeeded: bodyLength)
            return
        }
        widenLength(at: lengthAt, bodyLength: bodyLength)
    }

    @usableFromInline
    mutating func widenLength(at lengthAt: Int, bodyLength: Int) {
        // Widen the length in place: shift the body right by the extra varint bytes.
        let size = WireEncoder.varintSize(UInt64(bodyLength))
        reserve(size &- 1)
        (pointer + (lengthAt &+ size)).update(from: pointer + (lengthAt &+ 1), count: bodyLength)
        var v = UInt64(bodyLength)
        for i in 0..<size {
            let more: UInt8 = i == size &- 1 ? 0 : 0x80
            pointer[lengthAt &+ i] = UInt8(truncatingIfNeeded: v & 0x7F) | more
            v >>= 7
        }
        length &+= size &- 1
    }
}
