import COpenSSL

/// SHA-256 through OpenSSL's EVP interface (one crypto stack).
///
/// Each thread reuses one `EVP_MD_CTX` (thread-local, freed when the thread exits): this hash
/// runs on every RPC (the token-cache key), and allocating and freeing a context per call
/// cost ~15% of the cached-token check.
public enum SHA256 {
    private static var md: FetchedDigest { FetchedDigest.sha256 }
    private static let contexts = ThreadLocalDigestContext()

    /// Hashes `data`; throws only if OpenSSL itself fails (allocation, provider missing).
    public static func hash<Bytes: Collection>(_ data: Bytes) throws(OpenSSLError) -> SHA256Digest
    where Bytes.Element == UInt8 {
        if let result = data.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) {
            return try result.get()
        }
        return try Array(data).withUnsafeBytes { hash($0) }.get()
    }

    /// Hashes the UTF-8 bytes of `string` without copying them when the string is native.
    public static func hash(_ string: String) throws(OpenSSLError) -> SHA256Digest {
        try hash(string.utf8)
    }

    /// Hashes the UTF-8 bytes of `string` in place when its storage is contiguous.
    public static func hash(_ string: Substring) throws(OpenSSLError) -> SHA256Digest {
        try hash(string.utf8)
    }

    private static func hash(_ input: UnsafeRawBufferPointer) -> Result<SHA256Digest, OpenSSLError> {
        guard let ctx = contexts.context() else { return .failure(.drain("EVP_MD_CTX_new")) }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length: UInt32 = 0
        guard EVP_DigestInit_ex2(ctx, md.pointer, nil) == 1,
              EVP_DigestUpdate(ctx, input.baseAddress, input.count) == 1 else {
            return .failure(.drain("EVP_DigestInit_ex2/EVP_DigestUpdate(SHA256)"))
        }
        let rc = withUnsafeMutableBytes(of: &words) { out in
            EVP_DigestFinal_ex(ctx, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
        }
        guard rc == 1, length == 32 else { return .failure(.drain("EVP_DigestFinal_ex(SHA256)")) }
        return .success(SHA256Digest(a: UInt64(bigEndian: words.0), b: UInt64(bigEndian: words.1),
                                     c: UInt64(bigEndian: words.2), d: UInt64(bigEndian: words.3)))
    }
}
