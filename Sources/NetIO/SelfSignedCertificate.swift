import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// A development certificate made in process: EC P-256, SAN `DNS:localhost, IP:127.0.0.1, IP:::1`,
/// CA:TRUE so clients can trust the certificate itself as their root.
public struct SelfSignedCertificate: Sendable {
    public let certificatePEM: String
    public let privateKeyPEM: String

    /// Generates a new key and certificate valid for `validityDays`.
    public static func generate(commonName: String = "localhost", validityDays: Int = 825) throws(NetIOError) -> SelfSignedCertificate {
        let pctx = try SystemCall.checkTLS("EVP_PKEY_CTX_new_from_name", EVP_PKEY_CTX_new_from_name(nil, "EC", nil))
        defer { EVP_PKEY_CTX_free(pctx) }
        try SystemCall.checkTLS("EVP_PKEY_keygen_init", EVP_PKEY_keygen_init(pctx) == 1)
        try SystemCall.checkTLS("EVP_PKEY_CTX_set_group_name", EVP_PKEY_CTX_set_group_name(pctx, "P-256") == 1)
        var key: OpaquePointer?
        try SystemCall.checkTLS("EVP_PKEY_generate", EVP_PKEY_generate(pctx, &key) == 1)
        let pkey = try SystemCall.checkTLS("EVP_PKEY_generate", key)
        defer { EVP_PKEY_free(pkey) }

        let x509 = try SystemCall.checkTLS("X509_new", X509_new())
        defer { X509_free(x509) }
        try SystemCall.checkTLS("X509_set_version", X509_set_version(x509, 2) == 1)
        var serial: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &serial) { RAND_bytes($0.baseAddress!.assumingMemoryBound(to: UInt8.self), 8) }
        try SystemCall.checkTLS("ASN1_INTEGER_set", ASN1_INTEGER_set(X509_get_serialNumber(x509), Int(serial >> 2)) == 1)
        try SystemCall.checkTLS("X509_gmtime_adj", X509_gmtime_adj(X509_getm_notBefore(x509), -3600) != nil)
        try SystemCall.checkTLS("X509_gmtime_adj", X509_gmtime_adj(X509_getm_notAfter(x509), validityDays * 86_400) != nil)
        try SystemCall.checkTLS("X509_set_pubkey", X509_set_pubkey(x509, pkey) == 1)
        let name = try SystemCall.checkTLS("X509_get_subject_name", X509_get_subject_name(x509))
        try SystemCall.checkTLS("X509_NAME_add_entry_by_txt",
                                X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1)
        try SystemCall.checkTLS("X509_set_issuer_name", X509_set_issuer_name(x509, name) == 1)

        var v3 = X509V3_CTX()
        X509V3_set_ctx(&v3, x509, x509, nil, nil, 0)
        let extensions: [(Int32, String)] = [
            (NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"),
            (NID_basic_constraints, "critical,CA:TRUE"),
            (NID_key_usage, "critical,digitalSignature,keyCertSign"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_key_identifier, "hash"),
        ]
        for (nid, value) in extensions {
            let ext = try SystemCall.checkTLS("X509V3_EXT_conf_nid(\(nid))", X509V3_EXT_conf_nid(nil, &v3, nid, value))
            defer { X509_EXTENSION_free(ext) }
            try SystemCall.checkTLS("X509_add_ext", X509_add_ext(x509, ext, -1) == 1)
        }
        try SystemCall.checkTLS("X509_sign", X509_sign(x509, pkey, EVP_sha256()) > 0)

        let certPEM = try pem { bio throws(NetIOError) in
            try SystemCall.checkTLS("PEM_write_bio_X509", PEM_write_bio_X509(bio, x509) == 1)
        }
        let keyPEM = try pem { bio throws(NetIOError) in
            try SystemCall.checkTLS("PEM_write_bio_PrivateKey",
                                    PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil) == 1)
        }
        return SelfSignedCertificate(certificatePEM: certPEM, privateKeyPEM: keyPEM)
    }

    private static func pem(_ body: (OpaquePointer) throws(NetIOError) -> Void) throws(NetIOError) -> String {
        let bio = try SystemCall.checkTLS("BIO_new", BIO_new(BIO_s_mem()))
        defer { BIO_free(bio) }
        try body(bio)
        var data: UnsafeMutablePointer<CChar>?
        let len = tb_BIO_get_mem_data(bio, &data)
        guard len > 0, let data else { throw .tls(call: "BIO_get_mem_data", reason: "empty PEM") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: len), as: UTF8.self)
    }

    /// Writes the certificate (mode 0644) and key (mode 0600, set before any key byte is written),
    /// creating parent directories (mode 0700) as needed.
    public func write(certificateTo certificatePath: String, privateKeyTo keyPath: String) throws(NetIOError) {
        for path in [certificatePath, keyPath] { try Self.makeParentDirectories(of: path) }
        try Self.writeFile(keyPath, privateKeyPEM, mode: 0o600)
        try Self.writeFile(certificatePath, certificatePEM, mode: 0o644)
    }

    static func writeFile(_ path: String, _ contents: String, mode: mode_t) throws(NetIOError) {
        let fd = try SystemCall.check("open(\(path))", open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode))
        defer { Glibc.close(fd) }
        try SystemCall.check("fchmod(\(path))", fchmod(fd, mode))
        var bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            try SystemCall.check("write(\(path))", n)
            offset += n
        }
        bytes.removeAll()
    }

    static func makeParentDirectories(of path: String) throws(NetIOError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var current = path.hasPrefix("/") ? "" : "."
        if path.hasPrefix("/") { components = components.dropFirst() }
        for c in components where !c.isEmpty {
            current += "/" + c
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw .system(call: "mkdir(\(current))", errno: errno)
            }
        }
    }
}
