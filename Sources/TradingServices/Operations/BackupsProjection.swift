import Persistence

/// `backups`: every backup the server made, its last verification and its removal, from the
/// journal's `backup.*` events (the history; `ListBackups` reads the directories themselves).
public struct BackupsProjection: Projection {
    public init() {}
    public var name: String { "backups" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
        CREATE TABLE IF NOT EXISTS backups (
            backup_id TEXT PRIMARY KEY, path TEXT NOT NULL, created_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
            size_bytes INTEGER NOT NULL, last_sequence INTEGER NOT NULL, encrypted INTEGER NOT NULL,
            scheduled INTEGER NOT NULL, note TEXT NOT NULL, verified INTEGER, verified_ns INTEGER,
            verification_detail TEXT, removed_ns INTEGER, removed_reason TEXT, seq INTEGER NOT NULL)
        """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS backups"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        guard case .backup(let e) = event.event else { return }
        switch e {
        case .created(let c):
            try context.execute("""
                INSERT OR REPLACE INTO backups (backup_id, path, created_ns, sha256, size_bytes, last_sequence, encrypted,
                    scheduled, note, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                .text(c.backupID), .text(c.path), .integer(event.timeNanoseconds), .text(c.sha256), .integer(c.sizeBytes),
                .integer(c.lastSequence), .integer(c.encrypted ? 1 : 0), .integer(c.scheduled ? 1 : 0), .text(c.note),
                .integer(event.sequence))
        case .verified(let v):
            try context.execute("""
                UPDATE backups SET verified = ?, verified_ns = ?, verification_detail = ?, seq = ? WHERE backup_id = ?
                """,
                .integer(v.passed ? 1 : 0), .integer(event.timeNanoseconds), .text(v.detail), .integer(event.sequence),
                .text(v.backupID))
        case .removed(let r):
            try context.execute("""
                UPDATE backups SET removed_ns = ?, removed_reason = ?, seq = ? WHERE backup_id = ?
                """,
                .integer(event.timeNanoseconds), .text(r.reason), .integer(event.sequence), .text(r.backupID))
        }
    }
}
