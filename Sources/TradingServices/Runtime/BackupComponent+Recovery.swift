extension BackupComponent {
    /// Backups keep no state rebuilt from the journal: a restart decodes no rows for them.
    public var recoveredEventTypes: [String]? { [] }
}
