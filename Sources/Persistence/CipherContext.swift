import COpenSSL

/// One EVP cipher context. Not Sendable; one owner.
final class CipherContext {
    private var context: OpaquePointer?
    private let path: String
    private let encrypting: Bool

    init(path: String, encrypt: Bool, key: [UInt8], iv: [UInt8]) throws(StoreError) {
        self.path = path
        encrypting = encrypt
        guard let ctx = EVP_CIPHER_CTX_new() else { throw StoreError(.crypto, path: path, message: "EVP_CIPHER_CTX_new failed") }
        context = ctx
        let ok: Bool
        if encrypt {
            ok = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil) == 1
                && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(iv.count), nil) == 1
                && EVP_EncryptInit_ex(ctx, nil, nil, key, iv) == 1
        } else {
            ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil) == 1
                && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(iv.count), nil) == 1
                && EVP_DecryptInit_ex(ctx, nil, nil, key, iv) == 1
        }
        guard ok else { throw StoreError(.crypto, path: path, message: "AES-256-GCM initialisation failed") }
    }

    deinit { if let context { EVP_CIPHER_CTX_free(context) } }

    func addAAD(_ aad: [UInt8]) throws(StoreError) {
        var outLength: Int32 = 0
        let ok = encrypting
            ? EVP_EncryptUpdate(context, nil, &outLength, aad, Int32(aad.count)) == 1
            : EVP_DecryptUpdate(context, nil, &outLength, aad, Int32(aad.count)) == 1
        guard ok else { throw StoreError(.crypto, path: path, message: "AES-GCM additional data failed") }
    }

    func update(_ input: [UInt8]) throws(StoreError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: input.count + 32)
        var outLength: Int32 = 0
        let ok = output.withUnsafeMutableBufferPointer { out in
            encrypting
                ? EVP_EncryptUpdate(context, out.baseAddress, &outLength, input, Int32(input.count)) == 1
                : EVP_DecryptUpdate(context, out.baseAddress, &outLength, input, Int32(input.count)) == 1
        }
        guard ok else { throw StoreError(.crypto, path: path, message: "AES-GCM update failed") }
        output.removeSubrange(Int(outLength)...)
        return output
    }

    /// Final block (empty for GCM) followed by the tag.
    func finishEncrypt() throws(StoreError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var outLength: Int32 = 0
        guard output.withUnsafeMutableBufferPointer({ EVP_EncryptFinal_ex(context, $0.baseAddress, &outLength) }) == 1 else {
            throw StoreError(.crypto, path: path, message: "AES-GCM final failed")
        }
        output.removeSubrange(Int(outLength)...)
        var tag = [UInt8](repeating: 0, count: BackupCipher.tagLength)
        guard tag.withUnsafeMutableBytes({
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(BackupCipher.tagLength), $0.baseAddress)
        }) == 1 else {
            throw StoreError(.crypto, path: path, message: "AES-GCM get tag failed")
        }
        return output + tag
    }

    func finishDecrypt(tag: [UInt8]) throws(StoreError) -> [UInt8] {
        var tagCopy = tag
        guard tagCopy.withUnsafeMutableBytes({
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tag.count), $0.baseAddress)
        }) == 1 else {
            throw StoreError(.crypto, path: path, message: "AES-GCM set tag failed")
        }
        var output = [UInt8](repeating: 0, count: 32)
        var outLength: Int32 = 0
        guard output.withUnsafeMutableBufferPointer({ EVP_DecryptFinal_ex(context, $0.baseAddress, &outLength) }) == 1 else {
            ERR_clear_error()
            throw StoreError(.decryptionFailed, path: path,
                             message: "authentication failed: wrong key, or the encrypted file was modified")
        }
        output.removeSubrange(Int(outLength)...)
        return output
    }
}
