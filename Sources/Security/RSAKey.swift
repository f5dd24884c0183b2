import COpenSSL

/// An RSA key pair (or public key) for RS256, owned as an OpenSSL `EVP_PKEY`.
///
/// Ownership: the `EVP_PKEY` is created in an initializer, never mutated afterwards, and
/// freed in `deinit`. OpenSSL documents concurrent use of one immutable `EVP_PKEY` from
/// several threads (each call creates its own `EVP_MD_CTX`) as safe, hence `@unchecked Sendable`.
///
/// The key id (`kid`) is the RFC 7638 JWK thumbprint (SHA-256 over `{"e","kty","n"}`,
/// base64url), so it is derived from the public key alone: two servers loading the same PEM
/// agree on it, and the same value can later be published in a JWKS document.
public final class RSAKey: @unchecked Sendable {
    /// Why a key could not be created or loaded.
    public enum KeyError: Error, Sendable, Equatable {
        case openSSL(OpenSSLError)
        /// The PEM did not contain a key of the expected kind (or was encrypted).
        case invalidPEM
        /// Not an RSA key (RS256 needs RSA; RSA-PSS keys, EC keys etc. are refused).
        case notRSA
        /// RFC 7518 §3.3 requires at least 2048 bits.
        case tooSmall(bits: Int)
        /// Signing was asked of a public-only key.
        case notPrivate
    }

    /// The smallest modulus this module accepts for RS256 (RFC 7518 §3.3).
    public static let minimumBits = 2048

    let pkey: OpaquePointer
    /// True when the private half is present (the key can sign).
    public let isPrivate: Bool
    /// RFC 7638 thumbprint of the public key, base64url.
    public let kid: String
    /// Modulus size in bits.
    public let bits: Int
    /// The public key as a JWK member set (`kty`, `n`, `e`), for a future JWKS endpoint.
    public let publicJWK: [String: String]

    private init(taking pkey: OpaquePointer, isPrivate: Bool) throws(KeyError) {
        guard EVP_PKEY_is_a(pkey, "RSA") == 1 else { EVP_PKEY_free(pkey); throw .notRSA }
        let bits = Int(EVP_PKEY_get_bits(pkey))
        guard bits >= RSAKey.minimumBits else { EVP_PKEY_free(pkey); throw .tooSmall(bits: bits) }
        let n: [UInt8], e: [UInt8]
        do {
            n = try RSAKey.bigNumberParameter(pkey, "n")
            e = try RSAKey.bigNumberParameter(pkey, "e")
        } catch {
            EVP_PKEY_free(pkey)
            throw .openSSL(error)
        }
        let jwk = ["kty": "RSA", "n": Base64URL.encode(n), "e": Base64URL.encode(e)]
        // RFC 7638: members in lexicographic order, no whitespace.
        let canonical = "{\"e\":\"\(jwk["e"] ?? "")\",\"kty\":\"RSA\",\"n\":\"\(jwk["n"] ?? "")\"}"
        let thumbprint: SHA256Digest
        do { thumbprint = try SHA256.hash(canonical) } catch { EVP_PKEY_free(pkey); throw .openSSL(error) }
        self.pkey = pkey
        self.isPrivate = isPrivate
        self.bits = bits
        self.publicJWK = jwk
        self.kid = Base64URL.encode(thumbprint.bytes)
    }

    deinit { EVP_PKEY_free(pkey) }

    /// Generates a new key pair (default 3072 bits, NIST's recommendation beyond 2030).
    public static func generate(bits: Int = 3072) throws(KeyError) -> RSAKey {
        guard bits >= minimumBits, bits <= 16384 else { throw .tooSmall(bits: bits) }
        let generated: OpaquePointer
        do { generated = try generateRaw(bits: bits) } catch { throw .openSSL(error) }
        return try RSAKey(taking: generated, isPrivate: true)
    }

    /// The non-variadic OpenSSL 3 keygen sequence (`EVP_RSA_gen` is a macro over a variadic
    /// function Swift cannot call). The caller owns the returned key.
    private static func generateRaw(bits: Int) throws(OpenSSLError) -> OpaquePointer {
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw .drain("EVP_PKEY_CTX_new_from_name(RSA)")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        try OpenSSLError.check(EVP_PKEY_keygen_init(ctx), "EVP_PKEY_keygen_init")
        try OpenSSLError.check(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits)), "EVP_PKEY_CTX_set_rsa_keygen_bits")
        var generated: OpaquePointer?
        try OpenSSLError.check(EVP_PKEY_generate(ctx, &generated), "EVP_PKEY_generate")
        guard let generated else { throw .drain("EVP_PKEY_generate returned no key") }
        return generated
    }

    /// Loads a private key from PEM (PKCS#8 `PRIVATE KEY` or traditional `RSA PRIVATE KEY`).
    /// Encrypted PEMs are refused rather than prompting on a terminal.
    public convenience init(privateKeyPEM pem: String) throws(KeyError) {
        let key = try RSAKey.readPEM(pem, isPrivate: true)
        try self.init(taking: key, isPrivate: true)
    }

    /// Loads a public key from an SPKI PEM (`-----BEGIN PUBLIC KEY-----`).
    public convenience init(publicKeyPEM pem: String) throws(KeyError) {
        let key = try RSAKey.readPEM(pem, isPrivate: false)
        try self.init(taking: key, isPrivate: false)
    }

    /// The private key as unencrypted PKCS#8 PEM. Handle as a secret (see `KeyFile`).
    public func privateKeyPEM() throws(KeyError) -> String {
        guard isPrivate else { throw .notPrivate }
        return try writePEM { bio in PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil) }
    }

    /// The public key as SPKI PEM.
    public func publicKeyPEM() throws(KeyError) -> String {
        try writePEM { bio in PEM_write_bio_PUBKEY(bio, pkey) }
    }

    /// A public-only copy, for verification key rings that must never hold the private half.
    public func publicKey() throws(KeyError) -> RSAKey {
        try RSAKey(publicKeyPEM: publicKeyPEM())
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 over `message` (the JWS signing input).
    public func signRS256(_ message: [UInt8]) throws(KeyError) -> [UInt8] {
        guard isPrivate else { throw .notPrivate }
        // A nil digest would let OpenSSL pick the key's default; RS256 must be SHA-256, explicitly.
        guard let sha256 = FetchedDigest.sha256.pointer else { throw .openSSL(.drain("EVP_MD_fetch(SHA256)")) }
        guard let md = EVP_MD_CTX_new() else { throw .openSSL(.drain("EVP_MD_CTX_new")) }
        defer { EVP_MD_CTX_free(md) }
        var pctx: OpaquePointer?
        do {
            try OpenSSLError.check(EVP_DigestSignInit(md, &pctx, sha256, nil, pkey), "EVP_DigestSignInit")
            try OpenSSLError.check(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING), "EVP_PKEY_CTX_set_rsa_padding")
            var length = 0
            try message.withUnsafeBufferPointer { (m) throws(OpenSSLError) in
                try OpenSSLError.check(EVP_DigestSign(md, nil, &length, m.baseAddress, m.count), "EVP_DigestSign(size)")
            }
            var signature = [UInt8](repeating: 0, count: length)
            try message.withUnsafeBufferPointer { (m) throws(OpenSSLError) in
                try signature.withUnsafeMutableBufferPointer { (s) throws(OpenSSLError) in
                    try OpenSSLError.check(EVP_DigestSign(md, s.baseAddress, &length, m.baseAddress, m.count), "EVP_DigestSign")
                }
            }
            signature.removeSubrange(length...)
            return signature
        } catch {
            throw .openSSL(error)
        }
    }

    /// True only when OpenSSL returns exactly 1: 0 is a bad signature, and negative values
    /// are errors that must never be mistaken for success (`if rc != 0` would be a forgery hole).
    public func verifyRS256(signature: [UInt8], message: [UInt8]) -> Bool {
        guard let sha256 = FetchedDigest.sha256.pointer, let md = EVP_MD_CTX_new() else { ERR_clear_error(); return false }
        defer { EVP_MD_CTX_free(md) }
        var pctx: OpaquePointer?
        guard EVP_DigestVerifyInit(md, &pctx, sha256, nil, pkey) == 1,
              EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1 else {
            ERR_clear_error()
            return false
        }
        let rc = signature.withUnsafeBufferPointer { s in
            message.withUnsafeBufferPointer { m in
                EVP_DigestVerify(md, s.baseAddress, s.count, m.baseAddress, m.count)
            }
        }
        if rc != 1 { ERR_clear_error() }
        return rc == 1
    }

    // MARK: - OpenSSL helpers

    private static func readPEM(_ pem: String, isPrivate: Bool) throws(KeyError) -> OpaquePointer {
        let bytes = Array(pem.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 * 1024 else { throw .invalidPEM }
        let key: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            if isPrivate {
                // A callback that supplies no passphrase: encrypted keys fail instead of prompting.
                return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
            }
            return PEM_read_bio_PUBKEY(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key else { ERR_clear_error(); throw .invalidPEM }
        return key
    }

    private func writePEM(_ write: (OpaquePointer) -> Int32) throws(KeyError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .openSSL(.drain("BIO_new")) }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw .openSSL(.drain("PEM_write_bio")) }
        var data: UnsafeMutablePointer<CChar>?
        let length = tb_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { throw .openSSL(.drain("BIO_get_mem_data")) }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    private static func bigNumberParameter(_ pkey: OpaquePointer, _ name: String) throws(OpenSSLError) -> [UInt8] {
        var bn: OpaquePointer?
        try OpenSSLError.check(EVP_PKEY_get_bn_param(pkey, name, &bn), "EVP_PKEY_get_bn_param(\(name))")
        guard let bn else { throw OpenSSLError.drain("EVP_PKEY_get_bn_param(\(name))") }
        defer { BN_free(bn) }
        let count = (Int(BN_num_bits(bn)) + 7) / 8
        var out = [UInt8](repeating: 0, count: count)
        let written = out.withUnsafeMutableBufferPointer { BN_bn2bin(bn, $0.baseAddress) }
        guard Int(written) == count else { throw OpenSSLError.drain("BN_bn2bin") }
        return out
    }
}
