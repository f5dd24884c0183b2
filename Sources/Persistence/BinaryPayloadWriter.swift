/// Writes the binary payload format (`BinaryPayload`) directly, without `Codable`.
///
/// Why: the generic `BinaryPayloadEncoder` pays Swift's `Codable` machinery (a generic metadata
/// lookup and an existential box per keyed container) for every nested value, which made journal
/// encoding about a sixth of the server's CPU per order. Hand-written encoders for the hot events
/// (`EngineEventPayloadEncoder`) use this writer to produce exactly the bytes the generic encoder
/// would, so the on-disk format and every decoder stay as they are.
///
/// Usage: `beginKeyed()` returns a mark, then `key(_:)` followed by one value per entry, then
/// `end(_:)` with the mark patches the container's byte length. Containers must be closed in
/// reverse order of opening (as `Codable` nests them).
public struct BinaryPayloadWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Opens a keyed container as the current value; pass the result to `end(_:)`.
    @inline(__always)
    public mutating func beginKeyed() -> Int {
        bytes.append(BinaryPayload.Tag.keyed.rawValue)
        let mark = bytes.count
        bytes.append(0)
        bytes.append(0)
        bytes.append(0)
        bytes.append(0)
        return mark
    }

    /// Closes the keyed container opened at `mark` (patches its u32 little-endian byte length).
    @inline(__always)
    public mutating func end(_ mark: Int) {
        // Payloads are far below 4 GiB (one event); truncation cannot happen for a journal row.
        let length = UInt32(truncatingIfNeeded: bytes.count - mark - 4)
        bytes[mark] = UInt8(truncatingIfNeeded: length)
        bytes[mark + 1] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[mark + 2] = UInt8(truncatingIfNeeded: length >> 16)
        bytes[mark + 3] = UInt8(truncatingIfNeeded: length >> 24)
    }

    /// Opens an unkeyed container (an array) as the current value; pass the result and the number
    /// of values written to `end(_:count:)`.
    @inline(__always)
    public mutating func beginUnkeyed() -> Int {
        bytes.append(BinaryPayload.Tag.unkeyed.rawValue)
        let mark = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 8))
        return mark
    }

    /// Closes the unkeyed container opened at `mark`: its byte length (which counts the element
    /// count field) and its element count.
    public mutating func end(_ mark: Int, count: Int) {
        end(mark)
        let n = UInt32(truncatingIfNeeded: count)
        bytes[mark + 4] = UInt8(truncatingIfNeeded: n)
        bytes[mark + 5] = UInt8(truncatingIfNeeded: n >> 8)
        bytes[mark + 6] = UInt8(truncatingIfNeeded: n >> 16)
        bytes[mark + 7] = UInt8(truncatingIfNeeded: n >> 24)
    }

    /// A `[UInt8]` value: one run of raw bytes.
    public mutating func byteArray(_ value: [UInt8]) {
        bytes.append(BinaryPayload.Tag.bytes.rawValue)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A value already encoded on its own by `BinaryPayloadEncoder.encode(_:)`: an encoding does
    /// not depend on where it sits (lengths are relative), so it can be spliced in as the value.
    public mutating func value(encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    /// Reserves room for `count` more bytes (one reallocation instead of several).
    public mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// An entry's key (a `CodingKey`'s `stringValue`); the entry's value must follow.
    @inline(__always)
    public mutating func key(_ name: StaticString) {
        let count = name.utf8CodeUnitCount
        writeVarint(UInt64(count))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: count))
    }

    /// A signed integer value (`Int`, `Int64`, ...): zigzag varint.
    @inline(__always)
    public mutating func int(_ value: Int64) {
        bytes.append(BinaryPayload.Tag.int.rawValue)
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// An unsigned integer value (`UInt64`, ...): varint.
    @inline(__always)
    public mutating func uint(_ value: UInt64) {
        bytes.append(BinaryPayload.Tag.uint.rawValue)
        writeVarint(value)
    }

    @inline(__always)
    public mutating func bool(_ value: Bool) {
        bytes.append(value ? BinaryPayload.Tag.true.rawValue : BinaryPayload.Tag.false.rawValue)
    }

    /// A string value: varint UTF-8 length, then the UTF-8 bytes.
    @inline(__always)
    public mutating func string(_ value: String) {
        bytes.append(BinaryPayload.Tag.string.rawValue)
        var s = value
        s.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    @inline(__always)
    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}
