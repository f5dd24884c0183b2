/// The store's schema and its forward-only migrations, versioned with `PRAGMA user_version`.
///
/// Migration `n` (1-based) takes the database from version `n-1` to `n` and runs in one
/// `BEGIN IMMEDIATE … COMMIT` together with its `user_version` bump, so a crash mid-migration
/// leaves the old version intact. Never edit a released migration; append a new one.
enum Schema {
    /// Each entry is one migration's statements; entry `i` produces version `i + 1`.
    static let migrations: [[StaticString]] = [
        // v1: the journal, the source of truth.
        [
            """
            CREATE TABLE events(
                seq INTEGER PRIMARY KEY,
                time_ns INTEGER NOT NULL,
                type TEXT NOT NULL,
                payload BLOB NOT NULL
            )
            """,
            "PRAGMA user_version=1",
        ],
        // v2: per-event payload format version (so old payloads stay decodable) and snapshots.
        [
            "ALTER TABLE events ADD COLUMN payload_version INTEGER NOT NULL DEFAULT 1",
            """
            CREATE TABLE snapshots(
                seq INTEGER PRIMARY KEY,
                created_ns INTEGER NOT NULL,
                format TEXT NOT NULL,
                data BLOB NOT NULL
            )
            """,
            "PRAGMA user_version=2",
        ],
        // v3: projection bookkeeping, store metadata, and the append-only rule enforced by SQLite.
        [
            """
            CREATE TABLE projection_state(
                name TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                last_seq INTEGER NOT NULL
            )
            """,
            "CREATE TABLE store_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END
            """,
            """
            CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END
            """,
            "PRAGMA user_version=3",
        ],
    ]

    /// The version this build writes and understands.
    static var currentVersion: Int64 { Int64(migrations.count) }

    /// Brings `db` to `target` (default: current). Refuses a database newer than this build.
    static func migrate(_ db: SQLiteConnection, to target: Int64 = currentVersion) throws(StoreError) {
        let found = try db.userVersion
        if found > currentVersion {
            throw StoreError(.schemaTooNew, path: db.path,
                             message: "database schema version \(found) is newer than this build supports "
                                 + "(\(currentVersion)); run a newer tradebotd, or restore a backup made by this version")
        }
        guard found < target else { return }
        for version in (found + 1)...target {
            do {
                try db.exec("BEGIN IMMEDIATE")
                for statement in migrations[Int(version - 1)] { try db.exec(statement) }
                try db.exec("COMMIT")
            } catch {
                if db.isInTransaction { try? db.exec("ROLLBACK") }
                throw StoreError(.migrationFailed, path: db.path, sqliteCode: error.sqliteCode,
                                 message: "migration to schema version \(version) failed and was rolled back: "
                                     + error.message)
            }
        }
    }
}
