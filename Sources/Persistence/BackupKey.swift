import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A 256-bit key for encrypting backups with AES-256-GCM.
///
/// Key handling (see docs/DISASTER_RECOVERY.md): the key never lives in configuration files or
/// logs. It comes from the environment (`TRADEBOT_BACKUP_KEY`, 64 hex digits or base64 of 32
/// bytes) or from a key file (`TRADEBOT_BACKUP_KEY_FILE`, same text forms or 32 raw bytes) that
/// must not be readable by group or others. Manifests record only a fingerprint (first 8 bytes of
/// SHA-256 of the key) so a wrong key is reported as such before decrypting anything. Lose the
/// key and the encrypted backups are lost: store it apart from the backups.
public struct BackupKey: Sendable {
    public static let environmentVariable = "TRADEBOT_BACKUP_KEY"
    public static let fileEnvironmentVariable = "TRADEBOT_BACKUP_KEY_FILE"

    let bytes: [UInt8]

    /// A key from 32 raw bytes.
    public init(bytes: [UInt8]) throws(StoreError) {
        guard bytes.count == 32 else {
            throw StoreError(.badKey, path: "", message: "a backup key must be 32 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// For constants known to be 32 bytes (tests); not for input.
    init(uncheckedBytes: [UInt8]) { bytes = uncheckedBytes }

    /// Parses 64 hex digits or base64 of 32 bytes (surrounding whitespace ignored).
    public init(text: String, source: String) throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, let bytes = Self.parseHex(trimmed) {
            self.bytes = bytes
        } else if let data = Data(base64Encoded: trimmed), data.count == 32 {
            self.bytes = [UInt8](data)
        } else {
            throw StoreError(.badKey, path: source,
                             message: "the backup key must be 64 hex digits or base64 of 32 bytes")
        }
    }

    /// Loads a key file, refusing one that group or others can read.
    public init(file path: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystem.errnoError(errno, path: path, "cannot read the backup key file") }
        guard info.st_mode & 0o077 == 0 else {
            throw StoreError(.badKey, path: path,
                             message: "the backup key file is accessible by group or others; chmod 600 it")
        }
        let reader = try FileHandleReader(path: path)
        defer { reader.close() }
        let content = try reader.read(maxCount: 4096) ?? []
        if content.count == 32 {
            try self.init(bytes: content)
        } else {
            try self.init(text: String(decoding: content, as: UTF8.self), source: path)
        }
    }

    /// The key from `TRADEBOT_BACKUP_KEY` or `TRADEBOT_BACKUP_KEY_FILE`, or nil when neither is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError) -> BackupKey?
    {
        if let text = environment[environmentVariable], !text.isEmpty {
            return try BackupKey(text: text, source: "$" + environmentVariable)
        }
        if let path = environment[fileEnvironmentVariable], !path.isEmpty {
            return try BackupKey(file: path)
        }
        return nil
    }

    /// First 8 bytes of SHA-256(key), hex: identifies a key without revealing it.
    public var fingerprint: String {
        get throws(StoreError) { String(try SHA256Digest.bytes(bytes).prefix(16)) }
    }

    private static func parseHex(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var high: UInt8?
        for c in text.utf8 {
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            case 65...70: v = c - 55
            default: return nil
            }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return high == nil ? out : nil
    }
}
