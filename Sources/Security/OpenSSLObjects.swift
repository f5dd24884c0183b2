import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Long-lived OpenSSL objects and small C-interop helpers shared by this module.

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

extension FetchedDigest {
    /// SHA-256, shared by hashing and RS256.
    static let sha256 = FetchedDigest(name: "SHA256")
}

/// Zeroes a buffer with `OPENSSL_cleanse` (the compiler may not elide it).
func OPENSSL_cleanse_array(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
}

/// An `EVP_KDF` fetched once for the process lifetime (immutable, thread-safe to share).
final class FetchedKDF: @unchecked Sendable {
    let pointer: OpaquePointer?
    init(name: String) { pointer = EVP_KDF_fetch(nil, name, nil) }
    deinit { EVP_KDF_free(pointer) }
}

/// NUL-terminated parameter names with a stable address: `OSSL_PARAM` stores the key
/// pointer, so it must stay valid until the KDF call returns (a temporary `withCString`
/// pointer nested correctly would also do; a process-lifetime copy is simpler to reason about).
final class CString: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<CChar>
    init(_ text: String) {
        let utf8 = Array(text.utf8CString)
        pointer = .allocate(capacity: utf8.count)
        pointer.initialize(from: utf8, count: utf8.count)
    }
    func withPointer<R>(_ body: (UnsafeMutablePointer<CChar>) -> R) -> R { body(pointer) }
    deinit { pointer.deallocate() }
}

enum CStrings {
    static let pass = CString("pass")
    static let salt = CString("salt")
    static let n = CString("n")
    static let r = CString("r")
    static let p = CString("p")
    static let maxmem = CString("maxmem_bytes")
}
