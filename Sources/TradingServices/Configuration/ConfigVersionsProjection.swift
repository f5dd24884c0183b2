import Persistence

/// The `config_versions` read model: every configuration version with its document, digest,
/// author, comment and time. `ConfigComponent` serves `GetConfig` and `ListConfigVersions` from
/// it, so the component keeps only the current version in memory.
public struct ConfigVersionsProjection: Projection {
    public typealias Event = ServerEvent

    public init() {}

    public var name: String { "config_versions" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
         CREATE TABLE IF NOT EXISTS config_versions (
             version INTEGER PRIMARY KEY,
             sha256 TEXT NOT NULL,
             author TEXT NOT NULL,
             comment TEXT NOT NULL,
             created_at INTEGER NOT NULL,
             document TEXT NOT NULL,
             sequence INTEGER NOT NULL
         )
         """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS config_versions"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        guard case .config(.versionRecorded(let v)) = event.event else { return }
        try context.execute("""
            INSERT OR REPLACE INTO config_versions (version, sha256, author, comment, created_at, document, sequence)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, .integer(Int64(clamping: v.version)), .text(v.sha256), .text(v.author), .text(v.comment),
            .integer(event.timeNanoseconds), .text(v.document), .integer(event.sequence))
    }
}
