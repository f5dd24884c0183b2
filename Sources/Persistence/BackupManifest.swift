import Foundation

/// `manifest.json` of one backup directory: what was copied and how to check it.
///
/// Checksums cover the files as stored (ciphertext when encrypted); `databaseSHA256` covers the
/// plaintext database, checked again after decryption.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let fileName = "manifest.json"
    public static let currentFormat = "tradebot-backup/1"

    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var size: Int64
        public var sha256: String
    }

    public struct Encryption: Codable, Sendable, Equatable {
        public var algorithm: String
        public var keyFingerprint: String
    }

    public var format: String
    public var createdAt: String
    public var toolVersion: String
    public var schemaVersion: Int64
    public var lastSequence: Int64
    /// The stored database file's name (`tradebot.db`, or `tradebot.db.enc` when encrypted).
    public var databaseFile: String
    public var databaseSHA256: String
    public var databaseSize: Int64
    public var encryption: Encryption?
    public var files: [File]

    func encoded() throws(StoreError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return [UInt8](try encoder.encode(self)) + [10] } catch {
            throw StoreError(.io, path: Self.fileName, message: "cannot encode manifest: \(error)")
        }
    }

    /// Reads and parses `<directory>/manifest.json`.
    static func load(directory: String) throws(StoreError) -> BackupManifest {
        let path = directory + "/" + fileName
        guard FileSystem.exists(path) else {
            throw StoreError(.manifestInvalid, path: path, message: "the backup has no manifest")
        }
        let reader = try FileHandleReader(path: path)
        defer { reader.close() }
        let bytes = try reader.read(maxCount: 1 << 20) ?? []
        let manifest: BackupManifest
        do { manifest = try JSONDecoder().decode(BackupManifest.self, from: Data(bytes)) } catch {
            throw StoreError(.manifestInvalid, path: path, message: "the manifest does not parse: \(error)")
        }
        guard manifest.format == currentFormat else {
            throw StoreError(.manifestInvalid, path: path, message: "unknown manifest format \(manifest.format)")
        }
        for file in manifest.files where file.name.contains("/") || file.name.hasPrefix(".") || file.name.isEmpty {
            throw StoreError(.manifestInvalid, path: path, message: "the manifest names an unsafe file \(file.name)")
        }
        guard manifest.files.contains(where: { $0.name == manifest.databaseFile }) else {
            throw StoreError(.manifestInvalid, path: path, message: "the manifest does not list \(manifest.databaseFile)")
        }
        return manifest
    }
}
