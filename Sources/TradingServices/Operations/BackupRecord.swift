import Persistence
import TradingProtocol

/// One backup as the server reports it: its manifest plus the annotations kept beside it.
///
/// A directory whose manifest cannot be read is still listed (with `problem` set) so that an
/// operator sees it instead of wondering where a backup went.
public struct BackupRecord: Sendable {
    public var id: String
    public var path: String
    public var manifest: BackupManifest?
    /// Why the manifest could not be read, naming the file.
    public var problem: String?
    var annotations: BackupAnnotations

    init(path: String, manifest: BackupManifest?, problem: String?) {
        id = String(path.split(separator: "/").last ?? "")
        self.path = path
        self.manifest = manifest
        self.problem = problem
        annotations = BackupAnnotations.load(directory: path)
    }

    /// Bytes stored for this backup (every file the manifest lists).
    public var sizeBytes: Int64 { manifest?.files.reduce(0) { $0 + $1.size } ?? 0 }

    /// Creation time from the manifest, nanoseconds since the epoch.
    public var createdAtNanoseconds: Int64? { manifest.flatMap { BackupID.nanoseconds(iso8601: $0.createdAt) } }

    /// True when the last verification passed.
    public var verified: Bool { annotations.verificationPassed == true }

    /// The wire form. `sha256` is the stored database file's digest (ciphertext when encrypted),
    /// the one `sha256sum -c` against the manifest checks; `note` carries a manifest problem.
    var wire: TradebotV1.Backup {
        var backup = TradebotV1.Backup()
        backup.backupID = id
        backup.path = path
        backup.createdAt = createdAtNanoseconds.map { GoogleProtobuf.Timestamp(nanosecondsSinceEpoch: $0) }
        backup.sizeBytes = UInt64(max(0, sizeBytes))
        if let manifest {
            backup.sha256 = manifest.files.first { $0.name == manifest.databaseFile }?.sha256 ?? ""
        }
        backup.verified = verified
        if verified, let at = annotations.verifiedAt, let ns = BackupID.nanoseconds(iso8601: at) {
            backup.verifiedAt = GoogleProtobuf.Timestamp(nanosecondsSinceEpoch: ns)
        }
        if let problem {
            backup.note = "unreadable manifest: " + problem
        } else {
            backup.note = annotations.note ?? ""
        }
        return backup
    }
}
