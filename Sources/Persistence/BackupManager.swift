import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Online backups of a data directory, their verification, retention and offline restore.
///
/// Backups use SQLite's backup API from a separate read-only connection in one `step(-1)`: in WAL
/// mode that copies one consistent snapshot while the writer keeps committing (a running server
/// is never stopped). Each backup is built in `<data>/backups/<stamp>.partial/`, fsynced, then
/// renamed to `<data>/backups/<UTC stamp>/`, so a crash mid-backup never leaves something that
/// looks complete. Value type; every method may be called from any thread, but run one backup
/// at a time per data directory.
public struct BackupManager: Sendable {
    /// The data directory holding `tradebot.db`.
    public let dataDirectory: String
    /// Written into every manifest (the server's version string).
    public var toolVersion: String

    public init(dataDirectory: String, toolVersion: String = "tradebotd 1.0.0") {
        self.dataDirectory = dataDirectory
        self.toolVersion = toolVersion
    }

    public var backupsDirectory: String { dataDirectory + "/backups" }
    var databasePath: String { dataDirectory + "/" + EventStore<NoCodec>.databaseFileName }

    /// One backup directory and its manifest (nil with `problem` when it cannot be read).
    public struct Entry: Sendable {
        public var path: String
        public var manifest: BackupManifest?
        public var problem: String?
    }

    /// The result of `create`.
    public struct Created: Sendable {
        public var path: String
        public var manifest: BackupManifest
        public var nanoseconds: Int64
        /// Backup directories removed by retention.
        public var pruned: [String]
    }

    /// The result of `restore`.
    public struct Restored: Sendable {
        public var manifest: BackupManifest
        /// Where the previous database files were moved (nil when the directory was empty).
        public var previousFilesMovedTo: String?
        public var nanoseconds: Int64
    }

    // MARK: create

    /// Copies the live database into a new backup directory, optionally encrypted, writes the
    /// manifest, then keeps only the newest `retain` backups.
    @discardableResult
    public func create(key: BackupKey? = nil, retain: Int = 7) throws(StoreError) -> Created {
        let started = FileSystem.monotonicNanoseconds()
        guard retain >= 1 else { throw StoreError(.invalidArgument, path: backupsDirectory, message: "retain must be at least 1") }
        guard FileSystem.exists(databasePath) else {
            throw StoreError(.io, path: databasePath, message: "there is no database to back up")
        }
        try FileSystem.createDirectory(backupsDirectory)
        for name in try FileSystem.list(backupsDirectory) where name.hasSuffix(".partial") {
            // A leftover of an interrupted backup: incomplete by construction, never a good copy.
            try FileSystem.removeTree(backupsDirectory + "/" + name)
        }
        let createdNs = FileSystem.nowNanoseconds()
        let stamp = FileSystem.utcStamp(nanoseconds: createdNs)
        let finalPath = backupsDirectory + "/" + stamp
        let partial = finalPath + ".partial"
        guard !FileSystem.exists(finalPath) else {
            throw StoreError(.io, path: finalPath, message: "a backup with this timestamp already exists")
        }
        try FileSystem.createDirectory(partial)
        do throws(StoreError) {
            let plainName = EventStore<NoCodec>.databaseFileName
            let plainPath = partial + "/" + plainName
            let (schema, last) = try copyDatabase(to: plainPath)
            try FileSystem.sync(plainPath)
            let plainSHA = try SHA256Digest.file(plainPath)
            let plainSize = FileSystem.size(plainPath) ?? 0
            var storedName = plainName
            var encryption: BackupManifest.Encryption?
            if let key {
                storedName = plainName + ".enc"
                try BackupCipher.encrypt(from: plainPath, to: partial + "/" + storedName, key: key)
                try FileSystem.removeTree(plainPath)
                encryption = .init(algorithm: "AES-256-GCM", keyFingerprint: try key.fingerprint)
            }
            let storedPath = partial + "/" + storedName
            let storedSHA = key == nil ? plainSHA : try SHA256Digest.file(storedPath)
            let manifest = BackupManifest(
                format: BackupManifest.currentFormat, createdAt: FileSystem.iso8601(nanoseconds: createdNs),
                toolVersion: toolVersion, schemaVersion: schema, lastSequence: last, databaseFile: storedName,
                databaseSHA256: plainSHA, databaseSize: plainSize, encryption: encryption,
                files: [.init(name: storedName, size: FileSystem.size(storedPath) ?? 0, sha256: storedSHA)])
            let manifestPath = partial + "/" + BackupManifest.fileName
            let writer = try FileHandleWriter(path: manifestPath, exclusive: true)
            try writer.write(try manifest.encoded())
            try writer.sync()
            writer.close()
            try FileSystem.sync(partial)
            try FileSystem.rename(partial, finalPath)
            try FileSystem.sync(backupsDirectory)
            let pruned = try prune(keep: retain)
            return Created(path: finalPath, manifest: manifest, nanoseconds: FileSystem.monotonicNanoseconds() - started,
                           pruned: pruned)
        } catch {
            _ = try? FileSystem.removeTree(partial)
            throw error
        }
    }

    /// The SQLite backup API, source → a new plain file. Returns (schema version, last sequence).
    private func copyDatabase(to destination: String) throws(StoreError) -> (Int64, Int64) {
        let configuration = StoreConfiguration()
        // Read-write without create, used only for reading: a read-only connection would leave
        // empty -wal/-shm files behind when no server runs; this one, as the last connection,
        // removes them on close. It never writes: the backup API only reads the source.
        let source = try SQLiteConnection(path: databasePath, readOnly: false, configuration: configuration,
                                          plain: true, create: false)
        defer { source.close() }
        let target = try SQLiteConnection(path: destination, readOnly: false, configuration: configuration, plain: true)
        defer { target.close() }
        guard let backup = sqlite3_backup_init(target.handle, "main", source.handle, "main") else {
            throw target.error(sqlite3_errcode(target.handle), context: "backup_init from \(databasePath)")
        }
        var rc = sqlite3_backup_step(backup, -1)
        var attempts = 0
        while (rc & 0xff == SQLITE_BUSY || rc & 0xff == SQLITE_LOCKED) && attempts < 200 {
            // The writer holds a lock only briefly (WAL): back off and retry the whole copy.
            attempts += 1
            usleep(10_000)
            rc = sqlite3_backup_step(backup, -1)
        }
        let finish = sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            // Errors of the destination (disk full) are reported against the copy's path.
            let code = sqlite3_extended_errcode(target.handle)
            throw StoreError.fromSQLite(code: rc & 0xff == SQLITE_FULL || code & 0xff == SQLITE_FULL ? SQLITE_FULL : rc,
                                        path: destination,
                                        message: "backup of \(databasePath) failed: \(String(cString: sqlite3_errstr(rc)))")
        }
        try target.check(finish, "backup_finish")
        // One self-contained file: no -wal beside the copy.
        _ = try target.scalarText("PRAGMA journal_mode=DELETE")
        let schema = try target.userVersion
        let last = schema >= 1 ? (try target.scalarInt("SELECT max(seq) FROM events") ?? 0) : 0
        if schema >= 2 { try copyNewestSnapshot(into: target, through: last) }
        return (schema, last)
    }

    /// Puts the newest snapshot of `snapshots.db` that the copied journal covers (sequence ≤
    /// `last`) into the copy's own `snapshots` table, where a server started on the restored file
    /// finds it (the table older builds wrote to, still read), so a restore starts from it instead
    /// of replaying the whole journal. Best effort: when `snapshots.db` is missing or unreadable
    /// the backup is still complete, and the restored server replays.
    private func copyNewestSnapshot(into target: SQLiteConnection, through last: Int64) throws(StoreError) {
        let path = dataDirectory + "/" + SnapshotStore.fileName
        guard FileSystem.exists(path) else { return }
        let row: [SQLValue]?
        do throws(StoreError) {
            // Read-write without create, for reading only (see `copyDatabase`).
            let source = try SQLiteConnection(path: path, readOnly: false, configuration: StoreConfiguration(),
                                              plain: true, create: false)
            defer { source.close() }
            row = try source.statement(
                "SELECT seq, created_ns, format, data FROM snapshots WHERE seq <= ? ORDER BY seq DESC LIMIT 1")
                .rows([.integer(last)]).first
        } catch {
            return
        }
        guard let row, row.count == 4 else { return }
        try target.statement("INSERT OR REPLACE INTO snapshots(seq, created_ns, format, data) VALUES(?, ?, ?, ?)").run(row)
    }

    // MARK: list, prune

    /// Complete backups, oldest first (directories named by UTC stamp sort by time).
    public func list() throws(StoreError) -> [Entry] {
        guard FileSystem.isDirectory(backupsDirectory) else { return [] }
        var entries: [Entry] = []
        for name in try FileSystem.list(backupsDirectory) where !name.hasSuffix(".partial") && !name.hasPrefix(".") {
            let path = backupsDirectory + "/" + name
            guard FileSystem.isDirectory(path) else { continue }
            do throws(StoreError) {
                entries.append(Entry(path: path, manifest: try BackupManifest.load(directory: path), problem: nil))
            } catch {
                entries.append(Entry(path: path, manifest: nil, problem: error.description))
            }
        }
        return entries
    }

    /// Removes the oldest backups so that `keep` remain; returns the removed paths.
    @discardableResult
    public func prune(keep: Int) throws(StoreError) -> [String] {
        let all = try list()
        guard all.count > keep else { return [] }
        var removed: [String] = []
        for entry in all.prefix(all.count - max(1, keep)) {
            try FileSystem.removeTree(entry.path)
            removed.append(entry.path)
        }
        return removed
    }

    // MARK: verify

    /// Checks a backup: manifest parses, every file's size and SHA-256 match, an encrypted copy
    /// decrypts and authenticates with `key`, `integrity_check` passes, the copy opens, and its
    /// schema version and last sequence match the manifest. Leaves the backup unchanged.
    @discardableResult
    public func verify(_ backupPath: String, key: BackupKey? = nil) throws(StoreError) -> BackupManifest {
        try Self.verify(backupPath, key: key, plaintextCopy: nil)
    }

    /// `verify`, optionally leaving a verified plaintext copy at `plaintextCopy`.
    static func verify(_ backupPath: String, key: BackupKey?, plaintextCopy: String?) throws(StoreError) -> BackupManifest {
        let manifest = try BackupManifest.load(directory: backupPath)
        for file in manifest.files {
            let path = backupPath + "/" + file.name
            guard let size = FileSystem.size(path) else {
                throw StoreError(.checksumMismatch, path: path, message: "the file listed in the manifest is missing")
            }
            guard size == file.size else {
                throw StoreError(.checksumMismatch, path: path, message: "size \(size) does not match the manifest (\(file.size))")
            }
            let sha = try SHA256Digest.file(path)
            guard sha == file.sha256 else {
                throw StoreError(.checksumMismatch, path: path, message: "SHA-256 \(sha) does not match the manifest (\(file.sha256))")
            }
        }
        let stored = backupPath + "/" + manifest.databaseFile
        let plain: String
        var temporary: String?
        if let encryption = manifest.encryption {
            guard let key else {
                throw StoreError(.badKey, path: stored, message: "the backup is encrypted; provide the key "
                                 + "($\(BackupKey.environmentVariable) or $\(BackupKey.fileEnvironmentVariable))")
            }
            let fingerprint = try key.fingerprint
            guard fingerprint == encryption.keyFingerprint else {
                throw StoreError(.decryptionFailed, path: stored,
                                 message: "wrong key: its fingerprint is \(fingerprint), the backup was made with \(encryption.keyFingerprint)")
            }
            plain = plaintextCopy ?? (backupPath + "/.verify-" + FileSystem.utcStamp(nanoseconds: FileSystem.nowNanoseconds()))
            if plaintextCopy == nil { temporary = plain }
            try BackupCipher.decrypt(from: stored, to: plain, key: key)
        } else if let plaintextCopy {
            try FileSystem.copyFile(stored, plaintextCopy)
            plain = plaintextCopy
        } else {
            plain = stored
        }
        defer { if let temporary { _ = try? FileSystem.removeTree(temporary) } }
        do throws(StoreError) {
            if manifest.encryption != nil || plaintextCopy != nil {
                let sha = try SHA256Digest.file(plain)
                guard sha == manifest.databaseSHA256 else {
                    throw StoreError(.checksumMismatch, path: stored, message: "the restored database's SHA-256 does not match the manifest")
                }
            }
            try checkContent(of: plain, against: manifest, reportAs: stored)
        } catch {
            if let plaintextCopy { _ = try? FileSystem.removeTree(plaintextCopy) }
            throw error
        }
        return manifest
    }

    private static func checkContent(of path: String, against manifest: BackupManifest, reportAs name: String) throws(StoreError) {
        let db: SQLiteConnection
        do throws(StoreError) {
            db = try SQLiteConnection(path: path, readOnly: true, configuration: StoreConfiguration(), plain: true)
        } catch {
            throw StoreError(.backupInvalid, path: name, sqliteCode: error.sqliteCode, message: "the copy does not open: \(error.message)")
        }
        defer { db.close() }
        let rows: [String]
        do throws(StoreError) { rows = try db.check(quick: false) } catch {
            throw StoreError(.backupInvalid, path: name, sqliteCode: error.sqliteCode, message: "integrity_check failed: \(error.message)")
        }
        guard rows == ["ok"] else {
            throw StoreError(.backupInvalid, path: name, message: "integrity_check failed: " + rows.prefix(5).joined(separator: "; "))
        }
        let schema = try db.userVersion
        guard schema == manifest.schemaVersion else {
            throw StoreError(.backupInvalid, path: name, message: "schema version \(schema) does not match the manifest (\(manifest.schemaVersion))")
        }
        let last = schema >= 1 ? (try db.scalarInt("SELECT max(seq) FROM events") ?? 0) : 0
        guard last == manifest.lastSequence else {
            throw StoreError(.backupInvalid, path: name, message: "last sequence \(last) does not match the manifest (\(manifest.lastSequence))")
        }
    }

    // MARK: restore

    /// Restores a backup into `dataDirectory`, which must be empty or belong to a stopped server.
    ///
    /// Holds the data directory's lock throughout (a running server holds it, so the restore is
    /// refused; a server cannot start mid-restore). Verifies the backup into a temporary file
    /// first; only then moves any existing database files (the journal and `snapshots.db`) into
    /// `<data>/pre-restore-<stamp>/` (never deleting them) and renames the verified copy into
    /// place. The copy carries the newest snapshot it covers in its own `snapshots` table (see
    /// `copyNewestSnapshot`); the restored server starts from that one and replays the rest.
    @discardableResult
    public static func restore(_ backupPath: String, into dataDirectory: String, key: BackupKey? = nil) throws(StoreError) -> Restored {
        let started = FileSystem.monotonicNanoseconds()
        try FileSystem.createDirectory(dataDirectory)
        let lock: DataDirectoryLock
        do throws(StoreError) { lock = try DataDirectoryLock(directory: dataDirectory) } catch {
            if error.kind == .inUse {
                throw StoreError(.restoreRefused, path: dataDirectory,
                                 message: "a running server uses this data directory; stop it before restoring")
            }
            throw error
        }
        defer { lock.release() }
        let stamp = FileSystem.utcStamp(nanoseconds: FileSystem.nowNanoseconds())
        let temporary = dataDirectory + "/.restore-" + stamp + ".db"
        let manifest = try verify(backupPath, key: key, plaintextCopy: temporary)
        do throws(StoreError) {
            let database = dataDirectory + "/" + EventStore<NoCodec>.databaseFileName
            // The directory's snapshots.db describes the state being replaced: it goes aside with
            // it (the restored file brings its own snapshot).
            let snapshots = dataDirectory + "/" + SnapshotStore.fileName
            let existing = [database, database + "-wal", database + "-shm", snapshots, snapshots + "-wal", snapshots + "-shm"]
                .filter { FileSystem.exists($0) }
            var aside: String?
            if !existing.isEmpty {
                let folder = dataDirectory + "/pre-restore-" + stamp
                try FileSystem.createDirectory(folder)
                for path in existing {
                    try FileSystem.rename(path, folder + "/" + String(path.split(separator: "/").last ?? ""))
                }
                aside = folder
            }
            try FileSystem.rename(temporary, database)
            try FileSystem.sync(dataDirectory)
            return Restored(manifest: manifest, previousFilesMovedTo: aside,
                            nanoseconds: FileSystem.monotonicNanoseconds() - started)
        } catch {
            _ = try? FileSystem.removeTree(temporary)
            throw error
        }
    }
}

