import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`).
///
/// Salts, token secrets and `jti`s all come from here, so there is one audited source of
/// randomness and no use of Swift's `SystemRandomNumberGenerator` for secrets.
public enum SecureRandom {
    /// Returns `count` random bytes, or throws if the DRBG is not seeded / fails.
    public static func bytes(_ count: Int) throws(OpenSSLError) -> [UInt8] {
        precondition(count >= 0 && count <= 1 << 20, "SecureRandom.bytes: count out of range")
        var out = [UInt8](repeating: 0, count: count)
        if count == 0 { return out }
        let rc = out.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        try OpenSSLError.check(rc, "RAND_bytes")
        return out
    }
}
