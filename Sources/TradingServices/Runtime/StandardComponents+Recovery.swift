// What the product's components without a snapshot section read at a restart (see
// `ServerComponent.recoveredEventTypes`). Declared here, beside the recovery code, so a restart's
// cost is visible in one place: rows no component needs are skipped without being decoded.

extension BackupComponent {
    /// Backups keep no state rebuilt from the journal.
    public var recoveredEventTypes: [String]? { [] }
}

extension ConfigComponent {
    /// Only configuration versions (few rows; no snapshot section needed).
    public var recoveredEventTypes: [String]? { ["config."] }
}
