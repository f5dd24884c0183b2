/// Strict UTF-8 validation (Unicode 15, table 3-7): rejects overlong forms, surrogates, code
/// points above U+10FFFF and truncated sequences.
///
/// Hand-written because the generic `String(validating:as:)` resolves generic metadata at run
/// time on every call, which dominated decoding; this is specialised, checks eight ASCII bytes at
/// a time, and never allocates.
public enum UTF8Validation {
    @inlinable
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        // ASCII fast path, eight bytes at a time.
        while i &+ 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            i &+= 8
        }
        while i < count {
            let b0 = base[i]
            if b0 < 0x80 { i &+= 1; continue }
            if b0 < 0xC2 { return false }  // continuation byte or overlong 2-byte lead
            if b0 < 0xE0 {
                guard i &+ 1 < count, base[i &+ 1] & 0xC0 == 0x80 else { return false }
                i &+= 2
                continue
            }
            if b0 < 0xF0 {
                guard i &+ 2 < count else { return false }
                let b1 = base[i &+ 1], b2 = base[i &+ 2]
                let lower: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80  // overlong
                let upper: UInt8 = b0 == 0xED ? 0x9F : 0xBF  // surrogates
                guard b1 >= lower, b1 <= upper, b2 & 0xC0 == 0x80 else { return false }
                i &+= 3
                continue
            }
            if b0 < 0xF5 {
                guard i &+ 3 < count else { return false }
                let b1 = base[i &+ 1], b2 = base[i &+ 2], b3 = base[i &+ 3]
                let lower: UInt8 = b0 == 0xF0 ? 0x90 : 0x80  // overlong
                let upper: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF  // above U+10FFFF
                guard b1 >= lower, b1 <= upper, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return false }
                i &+= 4
                continue
            }
            return false
        }
        return true
    }
}
