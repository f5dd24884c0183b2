#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import COpenSSL

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

/// One `EVP_MD_CTX` per thread, created on first use and freed by the pthread key destructor
/// when the thread exits. A context is only ever touched by its own thread, so sharing the
/// key object between threads is safe (`@unchecked Sendable`).
final class ThreadLocalDigestContext: @unchecked Sendable {
    private var key = pthread_key_t()
    private let available: Bool

    init() {
        available = pthread_key_create(&key) { context in
            if let context { EVP_MD_CTX_free(OpaquePointer(context)) }
        } == 0
    }

    /// This thread's context, or nil if one cannot be allocated.
    func context() -> OpaquePointer? {
        guard available else { return nil }
        if let existing = pthread_getspecific(key) { return OpaquePointer(existing) }
        guard let created = EVP_MD_CTX_new() else { return nil }
        guard pthread_setspecific(key, UnsafeRawPointer(created)) == 0 else {
            EVP_MD_CTX_free(created)
            return nil
        }
        return created
    }
}

/// An `EVP_MD` fetched once and kept for the process lifetime.
///
/// `EVP_MD` objects are immutable after fetch and documented as safe to share between
/// threads, which is why this wrapper is `@unchecked Sendable`.
final class FetchedDigest: @unchecked Sendable {
    let pointer: OpaquePointer?

    init(name: String) {
        // A nil result (provider unavailable) makes EVP_Digest fail, which `SHA256.hash` reports.
        pointer = EVP_MD_fetch(nil, name, nil)
    }

    deinit { EVP_MD_free(pointer) }
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
