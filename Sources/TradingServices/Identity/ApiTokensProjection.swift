import Persistence

/// The `api_tokens` read model: service-account tokens with their role, creator, expiry and
/// revocation, identified by id. The token hash stays out of it (it is only needed in memory).
public struct ApiTokensProjection: Projection {
    public typealias Event = ServerEvent

    public init() {}

    public var name: String { "api_tokens" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
         CREATE TABLE IF NOT EXISTS api_tokens (
             token_id TEXT PRIMARY KEY,
             name TEXT NOT NULL,
             role TEXT NOT NULL,
             created_by TEXT NOT NULL,
             created_at INTEGER NOT NULL,
             expires_at INTEGER,
             revoked_at INTEGER,
             revoked_by TEXT
         )
         """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS api_tokens"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        guard case .identity(let identity) = event.event else { return }
        switch identity {
        case .apiTokenCreated(let e):
            try context.execute("""
                INSERT OR REPLACE INTO api_tokens (token_id, name, role, created_by, created_at, expires_at, revoked_at, revoked_by)
                VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)
                """, .text(e.tokenID), .text(e.name), .text(e.role), .text(e.actor), .integer(e.createdAt),
                e.expiresAt.map(SQLValue.integer) ?? .null)
        case .apiTokenRevoked(let e):
            try context.execute("""
                UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE token_id = ? AND revoked_at IS NULL
                """, .integer(e.revokedAt), .text(e.actor), .text(e.tokenID))
        default:
            break
        }
    }
}
