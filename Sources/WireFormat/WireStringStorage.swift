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
/// immutable once decoding ends, so sharing it between message copies and threads is safe (hence
/// `@unchecked Sendable`: every other member is a plain value).
///
/// While a message decodes (between `beginDecoding` and `endDecoding`) the storage also remembers
/// which window of the decoder's buffer it copied, so `WireDecoder.decodeString(_:into:storage:)`
/// can tell a slice of that window (kept lazily) from any other bytes (decoded eagerly).
public struct WireStringStorage: @unchecked Sendable {
    /// The copied message bytes (nil for a message built in code). Only ever extended (a second
    /// occurrence of a nested message merges by copying old and new bytes into a new buffer), so
    /// earlier slices stay valid.
    @usableFromInline var bytes: WireStringBytes?
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
        guard end > start, let base = decoder.buffer.baseAddress else { return }
        let source = UnsafeRawBufferPointer(rebasing: decoder.buffer[start..<end])
        let kept = bytes?.count ?? 0
        // Slices hold 32-bit offsets; a (never seen) larger message decodes its strings eagerly.
        guard source.count <= Int(UInt32.max) &- kept else { return }
        if let old = bytes {
            bytes = old.withBytes { WireStringBytes.copy(UnsafeRawBufferPointer($0), then: source) }
        } else {
            bytes = WireStringBytes.copy(source)
        }
        windowOffset = kept
        origin = UInt(bitPattern: base)
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

    /// Calls `body` with the copied bytes (empty when nothing was copied).
    @inlinable @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let bytes else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return bytes.withBytes(body)
    }

    /// Number of bytes copied (for tests and diagnostics).
    public var copiedByteCount: Int { bytes?.count ?? 0 }
}
