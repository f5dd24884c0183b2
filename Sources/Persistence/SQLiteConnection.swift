import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// One SQLite connection, opened `NOMUTEX` (multi-thread mode).
///
/// Threading: not Sendable. A connection belongs to exactly one thread at a time (the writer
/// thread, or the thread that owns a `JournalReader`); SQLite's own mutexes are off, so sharing it
/// would be a data race. Every C return code is checked and turned into a `StoreError` that names
/// `path`. SQL text only ever comes from `StaticString` literals in this module; values are always
/// bound as parameters.
final class SQLiteConnection {
    private(set) var handle: OpaquePointer?
    let path: String
    private var cache: [String: SQLiteStatement] = [:]
    /// The same statements keyed by the address of their `StaticString` literal: a literal's
    /// address is fixed for the process, so the hot path skips hashing the SQL text.
    private var literalCache: [UInt: SQLiteStatement] = [:]

    /// Opens `path`. Read-write connections create the file if needed and switch to WAL.
    /// `plain` skips WAL, synchronous and size settings: for backup copies, which stay in
    /// rollback-journal mode so they are one self-contained file.
    /// `create: false` opens an existing file read-write without creating one.
    init(path: String, readOnly: Bool, configuration: StoreConfiguration, plain: Bool = false,
         create: Bool = true) throws(StoreError) {
        self.path = path
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)))
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            let code = db.map { sqlite3_extended_errcode($0) } ?? rc
            if let db { sqlite3_close(db) }
            throw StoreError.fromSQLite(code: code, path: path, message: "cannot open: \(message)")
        }
        handle = db
        _ = sqlite3_extended_result_codes(db, 1)
        do throws(StoreError) {
            try check(sqlite3_busy_timeout(db, Int32(clamping: configuration.busyTimeoutMilliseconds)),
                      "set busy_timeout")
            try exec("PRAGMA foreign_keys=ON")
            if plain {
                _ = try scalarText("PRAGMA journal_mode")
            } else if !readOnly {
                // Reading the header here is the first real I/O: a non-database file fails now (NOTADB).
                let mode = try scalarText("PRAGMA journal_mode=WAL")
                guard mode == "wal" else {
                    throw StoreError(.sqlite, path: path, message: "could not switch to WAL (journal_mode=\(mode))")
                }
                switch configuration.synchronous {
                case .full: try exec("PRAGMA synchronous=FULL")
                case .normal: try exec("PRAGMA synchronous=NORMAL")
                case .extra: try exec("PRAGMA synchronous=EXTRA")
                }
                if let pages = configuration.maxPageCount {
                    // PRAGMA arguments cannot be bound and the pragma function form is read-only, so
                    // this one statement is formatted from an Int64 (never from text input).
                    let set = "PRAGMA max_page_count=" + String(max(1, pages))
                    try exec(set)
                }
            } else {
                _ = try scalarText("PRAGMA journal_mode")
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Builds an error from the connection's current error state.
    func error(_ rc: Int32, context: String) -> StoreError {
        let code = handle.map { sqlite3_extended_errcode($0) } ?? rc
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "connection closed"
        var error = StoreError.fromSQLite(code: code, path: path, message: "\(context): \(message)")
        // SQLite reports ENOSPC as SQLITE_FULL, but a file-size limit (EFBIG), a quota or a
        // read-only remount arrive as a generic I/O error: the OS errno tells them apart.
        if code & 0xff == SQLITE_IOERR, let handle {
            let systemErrno = sqlite3_system_errno(handle)
            switch systemErrno {
            case ENOSPC, EDQUOT, EFBIG: error.kind = .diskFull
            case EROFS, EACCES, EPERM: error.kind = .readOnly
            default: break
            }
            if systemErrno != 0 {
                error.message += " (\(String(cString: strerror(systemErrno))), errno \(systemErrno))"
            } else if let cause = FileSystem.spaceProblem(near: path) {
                // SQLite's errno is often gone by the time it reports; look at the space directly.
                error.kind = .diskFull
                error.message += " (\(cause))"
            }
        }
        return error
    }

    func check(_ rc: Int32, _ context: String) throws(StoreError) {
        guard rc == SQLITE_OK else { throw error(rc, context: context) }
    }

    /// Runs static SQL with no parameters (DDL, pragmas, BEGIN/COMMIT).
    func exec(_ sql: StaticString) throws(StoreError) {
        try exec(sql.description)
    }

    /// Internal form used for migrations' static statement lists.
    func exec(_ sql: String) throws(StoreError) {
        guard let handle else { throw StoreError(.closed, path: path, message: "connection is closed") }
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if let errorMessage { sqlite3_free(errorMessage) }
        guard rc == SQLITE_OK else { throw error(rc, context: sql) }
    }

    /// Returns the cached prepared statement for `sql`, preparing it on first use.
    func statement(_ sql: StaticString) throws(StoreError) -> SQLiteStatement {
        let key = sql.hasPointerRepresentation ? UInt(bitPattern: sql.utf8Start) : 0
        if key != 0, let cached = literalCache[key] { return cached }
        let prepared = try statement(sql.description)
        if key != 0 { literalCache[key] = prepared }
        return prepared
    }

    func statement(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let cached = cache[sql] { return cached }
        guard handle != nil else { throw StoreError(.closed, path: path, message: "connection is closed") }
        let prepared = try SQLiteStatement(connection: self, sql: sql, persistent: true)
        cache[sql] = prepared
        return prepared
    }

    /// First column of the first row as text ("" when there is no row).
    func scalarText(_ sql: StaticString) throws(StoreError) -> String {
        let rows = try statement(sql).rows()
        guard let first = rows.first?.first else { return "" }
        switch first {
        case .text(let s): return s
        case .integer(let v): return String(v)
        case .null: return ""
        case .blob(let b): return "blob(\(b.count))"
        }
    }

    /// First column of the first row as an integer (nil when NULL or no row).
    func scalarInt(_ sql: StaticString, _ values: [SQLValue] = []) throws(StoreError) -> Int64? {
        try statement(sql).rows(values).first?.first?.integerValue
    }

    /// Runs an integrity pragma and returns its rows; `["ok"]` means healthy.
    func check(quick: Bool) throws(StoreError) -> [String] {
        let rows = quick ? try statement("PRAGMA quick_check").rows() : try statement("PRAGMA integrity_check").rows()
        return rows.map { $0.first?.textValue ?? "?" }
    }

    var userVersion: Int64 {
        get throws(StoreError) { try scalarInt("PRAGMA user_version") ?? 0 }
    }

    var isInTransaction: Bool { handle.map { sqlite3_get_autocommit($0) == 0 } ?? false }

    /// Finalizes every cached statement, then closes. Safe to call twice.
    func close() {
        for statement in cache.values { statement.finalize() }
        cache.removeAll()
        literalCache.removeAll()
        if let handle {
            // All statements are finalized, so close cannot return SQLITE_BUSY for ours; if it
            // ever does (an unfinished backup), close_v2 defers the free instead of leaking it.
            if sqlite3_close(handle) != SQLITE_OK { sqlite3_close_v2(handle) }
        }
        handle = nil
    }
}
