import CSQLite

/// A prepared statement owned by one `SQLiteConnection`.
///
/// Threading: not Sendable; used only on the thread that owns its connection. Statements are
/// prepared once (`SQLITE_PREPARE_PERSISTENT`) and reused: `reset()` after each execution, and
/// finalized by the connection before it closes.
final class SQLiteStatement {
    private(set) var handle: OpaquePointer?
    let sql: String
    unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String, persistent: Bool) throws(StoreError) {
        self.connection = connection
        self.sql = sql
        var stmt: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(connection.handle, sql, -1, flags, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            if let stmt { sqlite3_finalize(stmt) }
            throw connection.error(rc, context: "prepare \(sql)")
        }
        handle = stmt
    }

    /// Binds `values` to parameters 1...n. Text and blobs are copied by SQLite (TRANSIENT).
    func bind(_ values: [SQLValue]) throws(StoreError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    func bind(_ value: SQLValue, at index: Int32) throws(StoreError) {
        let rc: Int32
        switch value {
        case .null:
            rc = sqlite3_bind_null(handle, index)
        case .integer(let v):
            rc = sqlite3_bind_int64(handle, index, v)
        case .text(let s):
            rc = sqlite3_bind_text(handle, index, s, -1, tb_sqlite_transient())
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes { raw in
                // A zero-length blob still needs a non-null pointer to be stored as X'' and not NULL.
                sqlite3_bind_blob64(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                    sqlite3_uint64(raw.count), tb_sqlite_transient())
            }
        }
        guard rc == SQLITE_OK else { throw connection.error(rc, context: "bind parameter \(index) of \(sql)") }
    }

    func bind(_ value: Int64, at index: Int32) throws(StoreError) {
        let rc = sqlite3_bind_int64(handle, index, value)
        guard rc == SQLITE_OK else { throw connection.error(rc, context: "bind parameter \(index) of \(sql)") }
    }

    func bind(_ value: String, at index: Int32) throws(StoreError) {
        let rc = sqlite3_bind_text(handle, index, value, -1, tb_sqlite_transient())
        guard rc == SQLITE_OK else { throw connection.error(rc, context: "bind parameter \(index) of \(sql)") }
    }

    /// Binds `raw` without copying, steps once and resets, returning SQLite's step code
    /// (`SQLITE_DONE` on success); for the journal insert, whose payload lives only in a closure.
    func stepBindingBlob(_ raw: UnsafeRawBufferPointer, at index: Int32) -> Int32 {
        defer { _ = sqlite3_reset(handle) }
        let rc = sqlite3_bind_blob64(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                     sqlite3_uint64(raw.count), tb_sqlite_static())
        guard rc == SQLITE_OK else { return rc }
        return sqlite3_step(handle)
    }

    /// Throws for a step code other than `SQLITE_DONE`/`SQLITE_ROW`. The error is built while the
    /// connection still holds it (reset returns the same code, so the message is unchanged).
    func checkStep(_ rc: Int32) throws(StoreError) {
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw connection.error(rc, context: "step \(sql)") }
    }

    /// Advances one row. Returns true while a row is available, false when done.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(rc, context: "step \(sql)")
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func run(_ values: [SQLValue] = []) throws(StoreError) {
        defer { reset() }
        try bind(values)
        while try step() {}
    }

    /// Runs a query and collects every row, then resets it.
    func rows(_ values: [SQLValue] = []) throws(StoreError) -> [[SQLValue]] {
        defer { reset() }
        try bind(values)
        var result: [[SQLValue]] = []
        let count = sqlite3_column_count(handle)
        while try step() {
            var row: [SQLValue] = []
            row.reserveCapacity(Int(count))
            for column in 0..<count { row.append(value(at: column)) }
            result.append(row)
        }
        return result
    }

    /// Resets for the next execution and clears bindings. Errors of the previous step were
    /// already reported by `step()`, so the return value is intentionally not re-raised here.
    func reset() {
        _ = sqlite3_reset(handle)
        _ = sqlite3_clear_bindings(handle)
    }

    func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_BLOB: return .blob(blob(at: column))
        case SQLITE_FLOAT: return .text(String(sqlite3_column_double(handle, column)))
        default: return .text(text(at: column))
        }
    }

    func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func text(at column: Int32) -> String {
        guard let cString = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: cString, count: count), as: UTF8.self)
    }

    /// Calls `body` with the column's text bytes (no String is made); valid only during the call.
    func withTextBytes<R>(at column: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard let text = sqlite3_column_text(handle, column) else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let count = Int(sqlite3_column_bytes(handle, column))
        return body(UnsafeRawBufferPointer(start: UnsafeRawPointer(text), count: count))
    }

    func blob(at column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let base = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }

    func finalize() {
        if let handle { sqlite3_finalize(handle) }
        handle = nil
    }
}
