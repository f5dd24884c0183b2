/// What the journal records about backups: made, verified, removed by retention.
///
/// The backup directories and their manifests stay the truth about what exists on disk (a copy
/// restored elsewhere, or deleted by an operator, changes that without the server); these events
/// keep the history in the one ordered record and feed the `backups` projection. A backup never
/// contains its own `Created` event: the copy is taken first, the event appended after it.
public enum BackupEvent: Sendable, Equatable, Codable {
    case created(Created)
    case verified(Verified)
    case removed(Removed)

    public struct Created: Sendable, Equatable, Codable {
        public var backupID: String
        public var path: String
        /// SHA-256 of the stored database file (ciphertext when encrypted).
        public var sha256: String
        public var sizeBytes: Int64
        /// The last journal sequence the copy holds.
        public var lastSequence: Int64
        public var encrypted: Bool
        /// True for the schedule, false for `CreateBackup`.
        public var scheduled: Bool
        public var note: String
    }

    public struct Verified: Sendable, Equatable, Codable {
        public var backupID: String
        public var passed: Bool
        public var testRestore: Bool
        /// What was checked, or why the check failed (naming the file).
        public var detail: String
    }

    public struct Removed: Sendable, Equatable, Codable {
        public var backupID: String
        public var reason: String
    }

    /// The stable name stored with each journal row (after `backup.`). Never rename one once written.
    public var typeName: String {
        switch self {
        case .created: "Created"
        case .verified: "Verified"
        case .removed: "Removed"
        }
    }
}
