/// Reads protobuf wire data straight out of caller-owned memory.
///
/// The decoder borrows `buffer` and must not outlive it (it is only ever used inside the
/// `init(wireBytes:)` of a message, which is called while the caller holds the bytes). Every read
/// is bounds-checked against `end` and reports a `WireDecodingError` instead of trapping, and it
/// allocates nothing itself: only the decoded strings, byte arrays and repeated fields do.
public struct WireDecoder {
    /// The default nesting limit, the same as the reference protobuf implementations.
    public static let defaultRecursionLimit = 100

    @usableFromInline let buffer: UnsafeRawBufferPointer
    @usableFromInline var position: Int
    @usableFromInline let end: Int
    /// Where the most recent tag started; unknown fields are copied from here.
    @usableFromInline var tagStart: Int
    /// How many messages enclose the one being decoded (0 for the outermost).
    public let depth: Int
    /// The deepest nesting accepted before `recursionLimitExceeded`.
    public let recursionLimit: Int

    /// A decoder over a whole buffer.
    @inlinable
    public init(_ buffer: UnsafeRawBufferPointer, recursionLimit: Int = WireDecoder.defaultRecursionLimit) {
        self.init(buffer: buffer, start: 0, end: buffer.count, depth: 0, recursionLimit: recursionLimit)
    }

    @inlinable
    init(buffer: UnsafeRawBufferPointer, start: Int, end: Int, depth: Int, recursionLimit: Int) {
        self.buffer = buffer
        self.position = start
        self.end = end
        self.tagStart = start
        self.depth = depth
        self.recursionLimit = recursionLimit
    }

    /// True when every byte has been consumed.
    @inlinable
    public var isAtEnd: Bool { position >= end }

    // MARK: - Primitives

    /// Reads a base-128 varint. Rejects an 11th byte; bits beyond 64 are dropped as protobuf does.
    @inlinable @inline(__always)
    public mutating func readVarint() throws(WireDecodingError) -> UInt64 {
        guard position < end else { throw .truncated }
        let first = buffer[position]
        if first < 0x80 {
            position &+= 1
            return UInt64(first)
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = position
        while true {
            guard index < end else { throw .truncated }
            let byte = buffer[index]
            index &+= 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift &+= 7
            if shift >= 70 { throw .overlongVarint }
        }
        position = index
        return result
    }

    /// Reads the next field key, or nil at the end of the message.
    @inlinable @inline(__always)
    public mutating func nextTag() throws(WireDecodingError) -> WireTag? {
        guard position < end else { return nil }
        tagStart = position
        let key = try readVarint()
        guard let wireType = WireType(rawValue: UInt8(truncatingIfNeeded: key & 7)) else {
            throw .invalidWireType(field: Int(truncatingIfNeeded: (key >> 3) & 0x1FFF_FFFF), wireType: Int(key & 7))
        }
        let field = key >> 3
        guard field >= 1, field <= UInt64(WireTag.maxFieldNumber) else { throw .invalidFieldNumber }
        return WireTag(fieldNumber: Int(field), wireType: wireType)
    }

    @inlinable @inline(__always)
    public mutating func readFixed32() throws(WireDecodingError) -> UInt32 {
        guard end &- position >= 4 else { throw .truncated }
        let value = buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position &+= 4
        return UInt32(littleEndian: value)
    }

    @inlinable @inline(__always)
    public mutating func readFixed64() throws(WireDecodingError) -> UInt64 {
        guard end &- position >= 8 else { throw .truncated }
        let value = buffer.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position &+= 8
        return UInt64(littleEndian: value)
    }

    /// Reads a length prefix and returns the payload's start; the position moves past the payload.
    @inlinable @inline(__always)
    public mutating func readLengthDelimited() throws(WireDecodingError) -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(end &- position) else { throw .lengthPastEnd }
        let start = position
        position &+= Int(length)
        return start..<position
    }

    /// The raw payload bytes of a range returned by `readLengthDelimited`.
    @inlinable
    public func rawBytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[range])
    }

    /// A decoder for a nested message in `range`, one level deeper.
    @inlinable
    public func nested(_ range: Range<Int>) throws(WireDecodingError) -> WireDecoder {
        guard depth < recursionLimit else { throw .recursionLimitExceeded }
        return WireDecoder(buffer: buffer, start: range.lowerBound, end: range.upperBound,
                           depth: depth + 1, recursionLimit: recursionLimit)
    }

    // MARK: - Skipping unknown fields

    /// Skips the payload of `tag` and appends the whole field (key and payload) to `unknown`.
    @inlinable
    public mutating func skipField(_ tag: WireTag, into unknown: inout UnknownFields) throws(WireDecodingError) {
        let start = tagStart
        try skipField(tag)
        unknown.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<position]))
    }

    /// Skips the payload of `tag` without keeping it.
    @inlinable
    public mutating func skipField(_ tag: WireTag) throws(WireDecodingError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup: try skipGroup(tag.fieldNumber, depth: depth + 1)
        case .endGroup: throw .unmatchedEndGroup(field: tag.fieldNumber)
        }
    }

    /// Skips a deprecated group up to its matching end-group tag, counting nesting like messages.
    @usableFromInline
    mutating func skipGroup(_ fieldNumber: Int, depth groupDepth: Int) throws(WireDecodingError) {
        guard groupDepth <= recursionLimit else { throw .recursionLimitExceeded }
        while true {
            guard let inner = try nextTag() else { throw .truncated }
            switch inner.wireType {
            case .endGroup:
                guard inner.fieldNumber == fieldNumber else { throw .unmatchedEndGroup(field: inner.fieldNumber) }
                return
            case .startGroup:
                try skipGroup(inner.fieldNumber, depth: groupDepth + 1)
            default:
                try skipField(inner)
            }
        }
    }
}
