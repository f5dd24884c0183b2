/// Startup snapshots in their own SQLite database, `snapshots.db`, beside the journal.
///
/// Why a second file: a snapshot is megabytes. Stored in the journal's database by the journal's
/// writer thread, in its own transaction, it held every order waiting for its durable commit behind
/// it (bursts of 12–58 ms, docs/PERFORMANCE.md). Here it is written on its own connection by the
/// thread that calls `save` (the server uses a low-priority one), so the journal writer never
/// waits for it. A snapshot is a cache of the journal: losing the newest only means a longer
/// replay, so this database commits with `synchronous=NORMAL` (WAL: consistent after a crash,
/// may lose its last save on power loss) and does not take part in backups.
///
/// Threading: `Sendable`; one read-write connection behind a lock, so saves and reads are
/// serialised with each other (a save holds the lock while it writes; reads happen at startup).
final class SnapshotStore: Sendable {
    /// The file's name inside the data directory.
    static let fileName = "snapshots.db"

    let path: String
    private let keep: Int
    private let connection: StateLock<SnapshotConnectionBox>

    /// Opens (or creates) `<directory>/snapshots.db`. The caller holds the data directory's lock.
    ///
    /// A file that cannot be opened as a snapshot database (damaged, not a database, a newer
    /// layout) is moved aside to `snapshots.db.unreadable-<stamp>` with its WAL, and a fresh one is
    /// created: snapshots are rebuildable, and a damaged cache must not stop the journal from
    /// starting. `warnings` receives one line when that happens.
    init(directory: String, configuration: StoreConfiguration, warnings: inout [String]) throws(StoreError) {
        let path = directory + "/" + Self.fileName
        var settings = configuration
        settings.synchronous = .normal
        settings.maxPageCount = nil
        let db: SQLiteConnection
        do throws(StoreError) { db = try Self.open(path, settings) } catch {
            let aside = path + ".unreadable-" + FileSystem.utcStamp(nanoseconds: FileSystem.nowNanoseconds())
            for suffix in ["", "-wal", "-shm"] where FileSystem.exists(path + suffix) {
                try FileSystem.rename(path + suffix, aside + suffix)
            }
            warnings.append("\(path) could not be used (\(error.message)); moved to \(aside), the next start replays the journal")
            db = try Self.open(path, settings)
        }
        self.path = path
        self.keep = max(1, configuration.snapshotsToKeep)
        self.connection = StateLock(SnapshotConnectionBox(db))
    }

    private static func open(_ path: String, _ configuration: StoreConfiguration) throws(StoreError) -> SQLiteConnection {
        let db = try SQLiteConnection(path: path, readOnly: false, configuration: configuration)
        do throws(StoreError) {
            let version = try db.userVersion
            guard version <= 1 else {
                throw StoreError(.schemaTooNew, path: path, message: "snapshot database version \(version) is newer than this build")
            }
            if version == 0 {
                try db.exec("BEGIN IMMEDIATE")
                try db.exec("""
                    CREATE TABLE IF NOT EXISTS snapshots(
                        seq INTEGER PRIMARY KEY,
                        created_ns INTEGER NOT NULL,
                        format TEXT NOT NULL,
                        data BLOB NOT NULL
                    )
                    """)
                try db.exec("PRAGMA user_version=1")
                try db.exec("COMMIT")
            }
            // Reads the table: a damaged file fails here, at open, instead of at the first save.
            _ = try db.scalarInt("SELECT count(*) FROM snapshots")
            return db
        } catch {
            if db.isInTransaction { try? db.exec("ROLLBACK") }
            db.close()
            throw error
        }
    }

    /// Stores `snapshot` and deletes all but the newest `snapshotsToKeep`, in one transaction.
    /// The caller has checked that `snapshot.sequence` is committed in the journal.
    func save(_ snapshot: Snapshot) throws(StoreError) {
        let keep = Int64(self.keep)
        try connection.withLock { (box) throws(StoreError) in
            guard let db = box.connection else { throw StoreError(.closed, path: path, message: "the store is closed") }
            try db.exec("BEGIN IMMEDIATE")
            do throws(StoreError) {
                try db.statement("INSERT OR REPLACE INTO snapshots(seq, created_ns, format, data) VALUES(?, ?, ?, ?)")
                    .run([.integer(snapshot.sequence), .integer(snapshot.createdNanoseconds),
                          .text(snapshot.format), .blob(snapshot.data)])
                try db.statement("DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)")
                    .run([.integer(keep)])
                try db.exec("COMMIT")
            } catch {
                if db.isInTransaction { try? db.exec("ROLLBACK") }
                throw error
            }
        }
    }

    /// The newest snapshot with a sequence below `sequence` (the newest of all when nil).
    func latest(before sequence: Int64?) throws(StoreError) -> Snapshot? {
        try connection.withLock { (box) throws(StoreError) -> Snapshot? in
            guard let db = box.connection else { throw StoreError(.closed, path: path, message: "the store is closed") }
            let row = try db.statement(
                "SELECT seq, created_ns, format, data FROM snapshots WHERE seq < ? ORDER BY seq DESC LIMIT 1")
                .rows([.integer(sequence ?? Int64.max)]).first
            guard let row else { return nil }
            return Snapshot(sequence: row[0].integerValue ?? 0, format: row[2].textValue ?? "",
                            data: row[3].blobValue ?? [], createdNanoseconds: row[1].integerValue ?? 0)
        }
    }

    /// The sequences stored, oldest first (tests and diagnostics).
    func sequences() throws(StoreError) -> [Int64] {
        try connection.withLock { (box) throws(StoreError) -> [Int64] in
            guard let db = box.connection else { throw StoreError(.closed, path: path, message: "the store is closed") }
            return try db.statement("SELECT seq FROM snapshots ORDER BY seq").rows().map { $0[0].integerValue ?? 0 }
        }
    }

    /// Closes the connection; later calls throw `.closed`. Safe to call twice.
    func close() {
        connection.withLock { box in
            box.connection?.close()
            box.connection = nil
        }
    }
}

/// The snapshot connection, only touched inside `SnapshotStore`'s lock.
struct SnapshotConnectionBox: @unchecked Sendable {
    var connection: SQLiteConnection?
    init(_ connection: SQLiteConnection) { self.connection = connection }
}
