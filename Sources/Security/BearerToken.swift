#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing of the `authorization: Bearer <token>` metadata value.
public enum BearerToken {
    /// The token of a `Bearer` authorization value; the scheme is case-insensitive
    /// (RFC 7235), exactly one space, and the token must be non-empty and contain no spaces.
    /// Works on the UTF-8 bytes in place: this runs on every RPC.
    public static func extract(fromAuthorization value: String) -> Substring? {
        let utf8 = value.utf8
        guard utf8.count > 7 else { return nil }
        let scan: (UnsafeBufferPointer<UInt8>) -> Bool = { bytes in
            // "bearer" case-insensitively: for letters, OR-ing 0x20 lower-cases and no
            // non-letter byte maps onto one of these letters.
            guard bytes[0] | 0x20 == UInt8(ascii: "b"), bytes[1] | 0x20 == UInt8(ascii: "e"),
                  bytes[2] | 0x20 == UInt8(ascii: "a"), bytes[3] | 0x20 == UInt8(ascii: "r"),
                  bytes[4] | 0x20 == UInt8(ascii: "e"), bytes[5] | 0x20 == UInt8(ascii: "r"),
                  bytes[6] == 0x20 else { return false }
            // memchr is vectorised; a per-byte Swift loop cost ~1 ns/byte on an 800-byte token.
            guard let base = bytes.baseAddress else { return false }
            let rest = UnsafeRawPointer(base + 7)
            return memchr(rest, 0x20, bytes.count - 7) == nil && memchr(rest, 0x09, bytes.count - 7) == nil
        }
        let valid = utf8.withContiguousStorageIfAvailable(scan) ?? Array(utf8).withUnsafeBufferPointer(scan)
        guard valid else { return nil }
        return value[utf8.index(utf8.startIndex, offsetBy: 7)...]
    }
}
