import CSQLite
import Testing
@testable import Persistence

@Suite("SQLite connection wrapper")
struct SQLiteConnectionTests {
    @Test("a prepared statement with bad SQL throws an error carrying the code, message and path")
    func badSQL() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try SQLiteConnection(path: dir.path + "/x.db", readOnly: false, configuration: StoreConfiguration())
        defer { db.close() }
        let error = #expect(throws: StoreError.self) { _ = try db.statement("SELEC nothing") }
        #expect(error?.kind == .sqlite)
        #expect(error?.sqliteCode == SQLITE_ERROR)
        #expect(error?.path == dir.path + "/x.db")
        #expect(error?.message.contains("syntax error") == true)
    }

    @Test("connections open in WAL with foreign keys on and the configured synchronous level",
          arguments: [(StoreConfiguration.Synchronous.full, Int64(2)), (.normal, 1), (.extra, 3)])
    func pragmas(mode: StoreConfiguration.Synchronous, expected: Int64) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = StoreConfiguration()
        configuration.synchronous = mode
        let db = try SQLiteConnection(path: dir.path + "/x.db", readOnly: false, configuration: configuration)
        defer { db.close() }
        #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        #expect(try db.scalarInt("PRAGMA synchronous") == expected)
        #expect(try db.scalarInt("PRAGMA busy_timeout") == 5_000)
    }

    @Test("values round-trip through bound parameters, including quotes, empty blobs and NULL")
    func roundTrip() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try SQLiteConnection(path: dir.path + "/x.db", readOnly: false, configuration: StoreConfiguration())
        defer { db.close() }
        try db.exec("CREATE TABLE t(a, b, c, d)")
        let values: [SQLValue] = [.text("O'Brien\"; DROP TABLE t; --"), .blob([]), .null, .integer(Int64.min)]
        try db.statement("INSERT INTO t VALUES(?, ?, ?, ?)").run(values)
        try db.statement("INSERT INTO t VALUES(?, ?, ?, ?)").run([.text("é∑"), .blob([0, 255]), .integer(1), .integer(Int64.max)])
        let rows = try db.statement("SELECT a, b, c, d FROM t ORDER BY rowid").rows()
        #expect(rows == [values, [.text("é∑"), .blob([0, 255]), .integer(1), .integer(Int64.max)]])
    }

    @Test("a constraint violation reports the extended result code")
    func constraint() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try SQLiteConnection(path: dir.path + "/x.db", readOnly: false, configuration: StoreConfiguration())
        defer { db.close() }
        try db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY)")
        try db.statement("INSERT INTO t VALUES(?)").run([.integer(1)])
        let error = #expect(throws: StoreError.self) { try db.statement("INSERT INTO t VALUES(?)").run([.integer(1)]) }
        #expect(error?.sqliteCode == 1555) // SQLITE_CONSTRAINT_PRIMARYKEY
        // The cached statement is reusable after the failure.
        try db.statement("INSERT INTO t VALUES(?)").run([.integer(2)])
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 2)
    }

    @Test("the journal refuses UPDATE and DELETE (append-only trigger)")
    func appendOnly() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        try store.appendAndWait(.orderAccepted(id: "a", quantity: 1), timeNanoseconds: 1)
        store.close()
        let db = try SQLiteConnection(path: dir.data + "/tradebot.db", readOnly: false, configuration: StoreConfiguration())
        defer { db.close() }
        for sql: StaticString in ["UPDATE events SET type = 'x'", "DELETE FROM events"] {
            let error = #expect(throws: StoreError.self) { try db.exec(sql) }
            #expect(error?.message.contains("append-only") == true)
        }
    }

    @Test("closing finalizes cached statements and later use reports a closed connection")
    func closeFinalizes() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try SQLiteConnection(path: dir.path + "/x.db", readOnly: false, configuration: StoreConfiguration())
        _ = try db.statement("SELECT 1").rows()
        db.close()
        #expect(db.handle == nil)
        let error = #expect(throws: StoreError.self) { _ = try db.statement("SELECT 2") }
        #expect(error?.kind == .closed)
        db.close()
    }
}
