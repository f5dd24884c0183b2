/// Where a token lives in the verified-token cache: its length and its last 64 bytes.
///
/// The tail of a JWT is the tail of its RS256 signature: 48 bytes of signature entropy that no one
/// can produce without the token. Hashing 64 bytes (with the process-seeded hasher dictionaries
/// use) instead of the whole ~820-byte token is what keeps a cache hit cheap; a hit is then
/// confirmed by comparing the whole token in constant time, so two tokens sharing a tail can never
/// be confused and the comparison leaks nothing through its timing.
struct TokenCacheKey: Hashable, Sendable {
    let length: Int
    let w0, w1, w2, w3, w4, w5, w6, w7: UInt64

    init(_ token: Substring) {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let utf8 = token.utf8
        length = utf8.count
        withUnsafeMutableBytes(of: &words) { out in
            var i = 0
            for byte in utf8.suffix(64) {
                out[i] = byte
                i += 1
            }
        }
        (w0, w1, w2, w3, w4, w5, w6, w7) = words
    }

    /// Whether `a` and `b` hold the same bytes, in time that depends only on their lengths.
    static func constantTimeEqual(_ a: String, _ b: Substring) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                guard pa.count == pb.count else { return false }
                var difference: UInt64 = 0
                var i = 0
                let raw1 = UnsafeRawBufferPointer(pa), raw2 = UnsafeRawBufferPointer(pb)
                while i + 8 <= pa.count {
                    difference |= raw1.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        ^ raw2.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    i += 8
                }
                while i < pa.count {
                    difference |= UInt64(pa[i] ^ pb[i])
                    i += 1
                }
                return difference == 0
            }
        }
    }
}
