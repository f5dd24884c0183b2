import COpenSSL

/// Password hashing with scrypt through OpenSSL's `EVP_KDF`, per-user random salts and
/// constant-time comparison (`CRYPTO_memcmp`).
///
/// Cost: one `hash`/`verify` takes tens of milliseconds and 32 MiB by default (see
/// docs/PERFORMANCE.md); call it off the event loops (a handler task), never on them.
/// Thread-safety: `Sendable`; every call uses its own `EVP_KDF_CTX`.
public struct PasswordHasher: Sendable {
    public enum HashError: Error, Sendable, Equatable {
        case openSSL(OpenSSLError)
        /// Empty or longer than `maxPasswordBytes`.
        case invalidPasswordLength
        case invalidEncodedHash(EncodedPasswordHash.ParseError)
        case parametersOutOfRange
    }

    /// Longest accepted password in UTF-8 bytes (bounds work; passphrases fit easily).
    public static let maxPasswordBytes = 1024
    public static let saltBytes = 16
    public static let hashBytes = 32

    /// Parameters for new hashes.
    public let parameters: ScryptParameters

    public init(parameters: ScryptParameters = .recommended) {
        self.parameters = parameters
    }

    /// Hashes `password` with a fresh 16-byte salt and returns the string to store.
    public func hash(_ password: String) throws(HashError) -> String {
        guard parameters.isWithinLimits else { throw .parametersOutOfRange }
        let salt: [UInt8]
        do { salt = try SecureRandom.bytes(Self.saltBytes) } catch { throw .openSSL(error) }
        let derived = try Self.scrypt(password: password, salt: salt, parameters: parameters, length: Self.hashBytes)
        return EncodedPasswordHash(parameters: parameters, salt: salt, hash: derived).encoded
    }

    /// True when `password` matches `encoded`. The comparison is constant-time in the hash.
    /// A malformed stored hash is an error, not `false`, so data corruption is noticed.
    public func verify(_ password: String, against encoded: String) throws(HashError) -> Bool {
        let stored: EncodedPasswordHash
        do { stored = try EncodedPasswordHash(parsing: encoded) } catch { throw .invalidEncodedHash(error) }
        let derived = try Self.scrypt(password: password, salt: stored.salt, parameters: stored.parameters,
                                      length: stored.hash.count)
        return derived.withUnsafeBufferPointer { a in
            stored.hash.withUnsafeBufferPointer { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
        }
    }

    /// Spends the same work as a real `verify` and returns false. Call it when the username
    /// does not exist, so response time does not reveal which usernames are valid.
    public func verifyAgainstDummy(_ password: String) -> Bool {
        let salt = [UInt8](repeating: 0x5A, count: Self.saltBytes)
        _ = try? Self.scrypt(password: password.isEmpty ? " " : password, salt: salt, parameters: parameters,
                             length: Self.hashBytes)
        return false
    }

    /// True when `encoded` was made with weaker parameters than this hasher's: re-hash the
    /// password (known to be correct right after a successful login) and store the new string.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = try? EncodedPasswordHash(parsing: encoded) else { return true }
        return !stored.parameters.isAtLeast(parameters) || stored.salt.count < Self.saltBytes
    }

    /// The KDF fetched once; `EVP_KDF` objects are immutable and shareable between threads.
    private static let kdf = FetchedKDF(name: "SCRYPT")

    static func scrypt(password: String, salt: [UInt8], parameters: ScryptParameters, length: Int) throws(HashError) -> [UInt8] {
        let passwordBytes = Array(password.utf8)
        guard !passwordBytes.isEmpty, passwordBytes.count <= maxPasswordBytes else { throw .invalidPasswordLength }
        guard parameters.isWithinLimits else { throw .parametersOutOfRange }
        guard let kdf = kdf.pointer else { throw .openSSL(.drain("EVP_KDF_fetch(SCRYPT)")) }
        guard let ctx = EVP_KDF_CTX_new(kdf) else { throw .openSSL(.drain("EVP_KDF_CTX_new")) }
        defer { EVP_KDF_CTX_free(ctx) }

        var n = UInt64(1) << UInt64(parameters.logN)
        var r = UInt32(parameters.r)
        var p = UInt32(parameters.p)
        var maxMemory = parameters.memoryBytes + (1 << 20)
        var out = [UInt8](repeating: 0, count: length)
        var password = passwordBytes
        var salt = salt
        defer { OPENSSL_cleanse_array(&password) }

        let rc: Int32 = CStrings.pass.withPointer { passKey in
            password.withUnsafeMutableBytes { pw in
                salt.withUnsafeMutableBytes { s in
                    var params: [OSSL_PARAM] = [
                        OSSL_PARAM_construct_octet_string(passKey, pw.baseAddress, pw.count),
                        OSSL_PARAM_construct_octet_string(CStrings.salt.pointer, s.baseAddress, s.count),
                        OSSL_PARAM_construct_uint64(CStrings.n.pointer, &n),
                        OSSL_PARAM_construct_uint32(CStrings.r.pointer, &r),
                        OSSL_PARAM_construct_uint32(CStrings.p.pointer, &p),
                        OSSL_PARAM_construct_uint64(CStrings.maxmem.pointer, &maxMemory),
                        OSSL_PARAM_construct_end(),
                    ]
                    return out.withUnsafeMutableBufferPointer { o in
                        params.withUnsafeMutableBufferPointer { EVP_KDF_derive(ctx, o.baseAddress, o.count, $0.baseAddress) }
                    }
                }
            }
        }
        do { try OpenSSLError.check(rc, "EVP_KDF_derive(SCRYPT)") } catch { throw .openSSL(error) }
        return out
    }
}
