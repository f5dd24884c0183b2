import Persistence

/// The `users` read model: one row per account with its role, enabled flag and times, for
/// operators with the `sqlite3` shell and for exports. Never the password hash: the in-memory
/// `IdentityState` (rebuilt from the journal) is what authenticates.
public struct UsersProjection: Projection {
    public typealias Event = ServerEvent

    public init() {}

    public var name: String { "users" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
         CREATE TABLE IF NOT EXISTS users (
             username TEXT PRIMARY KEY,
             role TEXT NOT NULL,
             enabled INTEGER NOT NULL,
             created_at INTEGER NOT NULL,
             created_by TEXT NOT NULL,
             last_login_at INTEGER,
             updated_sequence INTEGER NOT NULL
         )
         """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS users"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        guard case .identity(let identity) = event.event else { return }
        let seq = SQLValue.integer(event.sequence)
        switch identity {
        case .userCreated(let e):
            try context.execute("""
                INSERT OR REPLACE INTO users (username, role, enabled, created_at, created_by, last_login_at, updated_sequence)
                VALUES (?, ?, 1, ?, ?, NULL, ?)
                """, .text(e.username), .text(e.role), .integer(event.timeNanoseconds), .text(e.actor), seq)
        case .userRoleChanged(let e):
            try context.execute("UPDATE users SET role = ?, updated_sequence = ? WHERE username = ?",
                                .text(e.role), seq, .text(e.username))
        case .userDisabled(let e):
            try context.execute("UPDATE users SET enabled = 0, updated_sequence = ? WHERE username = ?",
                                seq, .text(e.username))
        case .loginSucceeded(let e):
            try context.execute("UPDATE users SET last_login_at = ?, updated_sequence = ? WHERE username = ?",
                                .integer(event.timeNanoseconds), seq, .text(e.actor))
        default:
            break
        }
    }
}
