import COpenSSL

/// AES-256-GCM file encryption for backups (OpenSSL EVP), streamed in 1 MiB chunks.
///
/// File layout: `"TBBKGCM1"` (8 bytes) | IV (12 random bytes) | ciphertext | tag (16 bytes). The
/// magic and IV are authenticated as additional data, so any changed byte fails the tag check.
/// Decryption writes to a file the caller treats as untrusted until `decrypt` returns: on a tag
/// failure the partial output is removed. Stateless; callable from any thread.
enum BackupCipher {
    static let magic = Array("TBBKGCM1".utf8)
    static let ivLength = 12
    static let tagLength = 16
    static let chunk = 1 << 20

    static func encrypt(from source: String, to destination: String, key: BackupKey) throws(StoreError) {
        var iv = [UInt8](repeating: 0, count: ivLength)
        guard iv.withUnsafeMutableBufferPointer({ RAND_bytes($0.baseAddress, Int32(ivLength)) }) == 1 else {
            throw StoreError(.crypto, path: destination, message: "RAND_bytes failed")
        }
        let context = try CipherContext(path: destination, encrypt: true, key: key.bytes, iv: iv)
        let header = magic + iv
        try context.addAAD(header)
        let input = try FileHandleReader(path: source)
        defer { input.close() }
        let output = try FileHandleWriter(path: destination)
        defer { output.close() }
        try output.write(header)
        while let plain = try input.read(maxCount: chunk) { try output.write(try context.update(plain)) }
        try output.write(try context.finishEncrypt())
        try output.sync()
    }

    /// Decrypts and authenticates; throws `.decryptionFailed` naming `source` on a wrong key or tampering.
    static func decrypt(from source: String, to destination: String, key: BackupKey) throws(StoreError) {
        guard let size = FileSystem.size(source) else {
            throw StoreError(.io, path: source, message: "encrypted backup file is missing")
        }
        let headerLength = magic.count + ivLength
        guard size >= Int64(headerLength + tagLength) else {
            throw StoreError(.decryptionFailed, path: source, message: "encrypted file is too short (\(size) bytes)")
        }
        let input = try FileHandleReader(path: source)
        defer { input.close() }
        let header = try input.read(maxCount: headerLength) ?? []
        guard header.count == headerLength, Array(header.prefix(magic.count)) == magic else {
            throw StoreError(.decryptionFailed, path: source, message: "not a tradebot encrypted backup (bad magic)")
        }
        let context = try CipherContext(path: source, encrypt: false, key: key.bytes, iv: Array(header.suffix(ivLength)))
        try context.addAAD(header)
        var remaining = size - Int64(headerLength) - Int64(tagLength)
        do throws(StoreError) {
            let output = try FileHandleWriter(path: destination)
            defer { output.close() }
            while remaining > 0 {
                let want = Int(min(Int64(chunk), remaining))
                guard let cipher = try input.read(maxCount: want), cipher.count == want else {
                    throw StoreError(.decryptionFailed, path: source, message: "encrypted file ended early")
                }
                remaining -= Int64(want)
                try output.write(try context.update(cipher))
            }
            guard let tag = try input.read(maxCount: tagLength), tag.count == tagLength else {
                throw StoreError(.decryptionFailed, path: source, message: "authentication tag missing")
            }
            try output.write(try context.finishDecrypt(tag: tag))
            try output.sync()
        } catch {
            _ = try? FileSystem.removeTree(destination)
            throw error
        }
    }
}

