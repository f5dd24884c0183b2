import Foundation

/// What the server knows about a backup beyond its manifest: the operator's note and the outcome
/// of the last verification. Stored as `annotations.json` beside the manifest.
///
/// Why a sidecar file: the manifest is written once, checksummed content that `verify` trusts;
/// notes and verification results change later and are advisory, so they live apart and are
/// never part of what verification checks. Retention deletes them with their backup directory.
struct BackupAnnotations: Codable, Sendable, Equatable {
    static let fileName = "annotations.json"

    var note: String?
    /// ISO 8601 UTC time of the last verification.
    var verifiedAt: String?
    /// Whether the last verification passed.
    var verificationPassed: Bool?
    /// What the last verification found (the failure, naming the file, when it failed).
    var verificationDetail: String?

    /// The annotations of a backup directory; empty when there are none or they do not parse
    /// (they are advisory: a damaged file must not hide the backup itself).
    static func load(directory: String) -> BackupAnnotations {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName),
              let value = try? JSONDecoder().decode(BackupAnnotations.self, from: data) else {
            return BackupAnnotations()
        }
        return value
    }

    /// Writes atomically (temporary file + rename), so a reader never sees half a file.
    func save(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: directory + "/" + Self.fileName), options: .atomic)
    }
}
