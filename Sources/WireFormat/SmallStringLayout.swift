/// Swift's inline ("small") strings read and built as their two machine words.
///
/// A `String` of at most 15 UTF-8 bytes is stored in the string value itself on 64-bit platforms:
/// the first word holds bytes 0-7, the second bytes 8-14 and, in its top byte, a discriminator
/// (`1 ASCII 1 0` in the high nibble, the byte count in the low nibble); unused bytes are zero.
/// The layout is part of the standard library's frozen ABI (`_StringObject`, inlined into client
/// binaries on ABI-stable platforms, the same source on Linux), so it cannot change under us
/// silently; `SmallStringLayoutTests` pins it against strings the standard library builds.
///
/// Most protobuf strings in this API are short ids, symbols and decimals, and building or reading
/// them through the standard library's generic paths (validation, contiguous-storage closures)
/// was most of the codec's time; in words it is a few register operations.
@usableFromInline
enum SmallStringLayout {
    /// Whether this platform uses the two-word layout the fast paths rely on. Elsewhere every
    /// string takes the standard library's paths.
    #if _pointerBitWidth(_64) && _endian(little)
    @usableFromInline static let isAvailable = true
    #else
    @usableFromInline static let isAvailable = false
    #endif

    // Constants as inlinable computed properties, so they fold into the callers' code.
    /// The discriminator nibble bits of a small string (immortal, small), ignoring the ASCII bit.
    @inlinable static var smallMask: UInt64 { 0xB000_0000_0000_0000 }
    @inlinable static var smallBits: UInt64 { 0xA000_0000_0000_0000 }
    /// The discriminator of a small all-ASCII string, before the count is or-ed in.
    @inlinable static var asciiDiscriminator: UInt64 { 0xE000_0000_0000_0000 }

    /// A small ASCII string from its bytes as two little-endian words (`low` = bytes 0-7,
    /// `high` = bytes 8-14), every byte at or past `count` zero and every byte below 0x80.
    /// `count` must be 0...15; the caller guarantees all of this.
    @inlinable @inline(__always)
    static func asciiString(low: UInt64, high: UInt64, count: Int) -> String {
        #if _pointerBitWidth(_64) && _endian(little)
        let discriminator = asciiDiscriminator | UInt64(truncatingIfNeeded: count) &<< 56
        return unsafeBitCast((low, high | discriminator), to: String.self)
        #else
        var bytes = (low, high)
        return withUnsafeBytes(of: &bytes) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[..<count]), as: UTF8.self)
        }
        #endif
    }

    /// The UTF-8 bytes of `string` as two words and a count when it is stored inline, else nil.
    /// Bytes of the second word past the count are the discriminator and zeros, never string data.
    @inlinable @inline(__always)
    static func words(of string: String) -> (low: UInt64, high: UInt64, count: Int)? {
        #if _pointerBitWidth(_64) && _endian(little)
        let (low, high) = unsafeBitCast(string, to: (UInt64, UInt64).self)
        guard high & smallMask == smallBits else { return nil }
        return (low, high, Int(truncatingIfNeeded: (high &>> 56) & 0xF))
        #else
        return nil
        #endif
    }

    /// Makes `field` the small ASCII string with these words (as for `asciiString`) if its
    /// current value is itself a small string, and returns true; otherwise returns false and
    /// leaves `field` alone. Overwriting a small string needs no release (it owns no storage), so
    /// decoding into a freshly made message skips the release call an assignment makes per field.
    @inlinable @inline(__always)
    static func overwriteSmall(_ field: inout String, low: UInt64, high: UInt64, count: Int) -> Bool {
        #if _pointerBitWidth(_64) && _endian(little)
        return withUnsafeMutableBytes(of: &field) { raw in
            guard raw.load(fromByteOffset: 8, as: UInt64.self) & smallMask == smallBits else { return false }
            raw.storeBytes(of: low, as: UInt64.self)
            raw.storeBytes(of: high | asciiDiscriminator | UInt64(truncatingIfNeeded: count) &<< 56,
                           toByteOffset: 8, as: UInt64.self)
            return true
        }
        #else
        return false
        #endif
    }
}
