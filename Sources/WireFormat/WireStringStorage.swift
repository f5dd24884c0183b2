/// A message's own copy of the bytes it was decoded from, which its lazily kept string fields
/// (`WireStringField`) point into.
///
/// It also holds the strings set on the message in code, so that the fields themselves hold no
/// references.
///
/// Decoding a hot message (`Fill`, `Order`, `SubmitOrderRequest`) copies its encoded bytes here
/// once — one allocation — and records each string field as an (offset, length) slice after
/// checking it is UTF-8, instead of building one `String` per field. A field becomes a `String`
/// when it is read, and an unchanged field is re-encoded by copying its bytes. The copy is
/// immutable once decoding ends, so sharing it between message copies and threads is safe
/// (`@unchecked` only because of `base`, a pointer into that immutable copy).
///
/// While a message decodes (between `beginDecoding` and `endDecoding`) the storage also remembers
/// which window of the decoder's buffer it copied, so
/// `WireDecoder.decodeString(_:into:storage:fieldCount:)` can tell a slice of that window (kept
/// lazily) from any other bytes (decoded eagerly).
public struct WireStringStorage: @unchecked Sendable {
    /// The copied message bytes (nil for a message built in code). Only ever extended (a second
    /// occurrence of a nested message merges by copying old and new bytes into a new buffer), so
    /// earlier slices stay valid.
    @usableFromInline var bytes: WireStringBytes?
    /// The first of `bytes`' bytes and their number, kept beside the owner so that reading a slice
    /// touches no reference count (valid exactly as long as `bytes`, which this value keeps alive).
    @usableFromInline var base: UnsafePointer<UInt8>?
    @usableFromInline var byteCount: Int
    /// Strings set in code (or decoded from bytes outside the copied window), indexed by fields.
    @usableFromInline var owned: [String]
    /// Address of the decoder buffer being decoded, as an integer (never dereferenced); 0 when idle.
    @usableFromInline var origin: UInt
    /// The window `[windowStart, windowEnd)` of the decoder's buffer that was copied to
    /// `bytes` from offset `windowOffset`.
    @usableFromInline var windowStart: Int
    @usableFromInline var windowEnd: Int
    @usableFromInline var windowOffset: Int

    /// Storage of a message built in code: nothing copied, every field owns its `String`.
    @inlinable
    public init() {
        bytes = nil
        base = nil
        byteCount = 0
        owned = []
        origin = 0
        windowStart = 0
        windowEnd = 0
        windowOffset = 0
    }

    /// Copies the bytes `decoder` has left (the message about to be decoded from it) and remembers
    /// their place, so string fields decoded from them can be kept as slices.
    @inlinable
    public mutating func beginDecoding(_ decoder: WireDecoder) {
        let start = decoder.position
        let end = decoder.end
        guard end > start, let address = decoder.buffer.baseAddress else { return }
        let source = UnsafeRawBufferPointer(rebasing: decoder.buffer[start..<end])
        let kept = byteCount
        // Slices hold 32-bit offsets and lengths (UInt32.max marks an owned string); a larger
        // message (beyond any transport limit) decodes its strings eagerly instead.
        guard source.count < Int(UInt32.max) &- kept else { return }
        // A second occurrence of the message (a merge) copies the earlier bytes too, so their
        // slices stay valid.
        let copy = kept == 0
            ? WireStringBytes.copy(source)
            : WireStringBytes.copy(UnsafeRawBufferPointer(buffer), then: source)
        bytes = copy
        (base, byteCount) = copy.withBytes { ($0.baseAddress, $0.count) }
        windowOffset = kept
        origin = UInt(bitPattern: address)
        windowStart = start
        windowEnd = end
    }

    /// Forgets the decoder's buffer (which the caller is about to release); the copy stays.
    @inlinable
    public mutating func endDecoding() {
        origin = 0
        windowStart = 0
        windowEnd = 0
    }

    /// The offset in `bytes` of `range` of the buffer at `address`, or nil when those bytes are not
    /// inside the window being decoded.
    @inlinable @inline(__always)
    func offset(of range: Range<Int>, at address: UInt) -> Int? {
        guard address == origin, origin != 0, range.lowerBound >= windowStart, range.upperBound <= windowEnd else {
            return nil
        }
        return range.lowerBound &- windowStart &+ windowOffset
    }

    /// The copied bytes (empty when nothing was copied); valid while `self` is.
    @inlinable @inline(__always)
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: byteCount) }

    /// Number of bytes copied (for tests and diagnostics).
    public var copiedByteCount: Int { byteCount }
}
