import COpenSSL

/// Streaming SHA-256 through OpenSSL's EVP interface (the project's one crypto stack).
///
/// Threading: not Sendable; one owner. `finish()` is called once.
final class SHA256Digest {
    private var context: OpaquePointer?
    private let path: String

    init(path: String = "") throws(StoreError) {
        self.path = path
        guard let ctx = EVP_MD_CTX_new() else {
            throw StoreError(.crypto, path: path, message: "EVP_MD_CTX_new failed")
        }
        context = ctx
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(ctx)
            context = nil
            throw StoreError(.crypto, path: path, message: "EVP_DigestInit_ex(sha256) failed")
        }
    }

    func update(_ bytes: UnsafeRawBufferPointer) throws(StoreError) {
        guard bytes.count > 0 else { return }
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
            throw StoreError(.crypto, path: path, message: "EVP_DigestUpdate failed")
        }
    }

    func update(_ bytes: [UInt8]) throws(StoreError) {
        let ok = bytes.withUnsafeBytes { raw in raw.count == 0 || EVP_DigestUpdate(context, raw.baseAddress, raw.count) == 1 }
        guard ok else { throw StoreError(.crypto, path: path, message: "EVP_DigestUpdate failed") }
    }

    /// The digest as lowercase hex.
    func finish() throws(StoreError) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) == 1 }
        EVP_MD_CTX_free(context)
        context = nil
        guard ok, length == 32 else { throw StoreError(.crypto, path: path, message: "EVP_DigestFinal_ex failed") }
        return Self.hex(digest)
    }

    deinit { if let context { EVP_MD_CTX_free(context) } }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 of a whole file, read in 1 MiB chunks.
    static func file(_ path: String) throws(StoreError) -> String {
        let digest = try SHA256Digest(path: path)
        let reader = try FileHandleReader(path: path)
        defer { reader.close() }
        while let chunk = try reader.read(maxCount: 1 << 20) { try digest.update(chunk) }
        return try digest.finish()
    }

    static func bytes(_ bytes: [UInt8]) throws(StoreError) -> String {
        let digest = try SHA256Digest()
        try digest.update(bytes)
        return try digest.finish()
    }
}
