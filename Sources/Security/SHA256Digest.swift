/// A SHA-256 digest (32 bytes) stored inline, so it can key dictionaries without heap allocation.
///
/// Used as the key of the verified-token cache and as the stored form of refresh and API
/// tokens (a 256-bit random secret needs no slow KDF: a fast hash is enough and lets the
/// per-RPC lookup stay cheap).
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    public let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    /// Reassembles a digest from its 32 bytes, e.g. read back from storage.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        func word(_ i: Int) -> UInt64 {
            var w: UInt64 = 0
            for k in 0..<8 { w = (w << 8) | UInt64(bytes[i * 8 + k]) }
            return w
        }
        a = word(0); b = word(1); c = word(2); d = word(3)
    }

    /// The digest's 32 bytes, big-endian word order (the standard SHA-256 byte string).
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for w in [a, b, c, d] { for k in (0..<8).reversed() { out.append(UInt8(truncatingIfNeeded: w >> (UInt64(k) * 8))) } }
        return out
    }

    /// Parses the 64-character hex form written by `hex` (either case); nil for anything else.
    public init?(hex text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var i = 0
        while i < 64 {
            guard let hi = nibble(utf8[i]), let lo = nibble(utf8[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        self.init(bytes: bytes)
    }

    /// Lower-case hex, the form used in storage and logs (a digest is not a secret).
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }
}


extension SHA256Digest {
    /// Lower-case hex of arbitrary bytes (test vectors, fingerprints in logs).
    public static func hexString<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
