import Testing
@testable import Persistence

@Suite("Schema migrations")
struct SchemaTests {
    @Test("a database at every earlier version migrates to the current one and keeps its events",
          arguments: Array(0..<Schema.currentVersion))
    func migratesFrom(version: Int64) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try FileSystem.createDirectory(dir.data)
        let path = dir.data + "/tradebot.db"
        do {
            let db = try SQLiteConnection(path: path, readOnly: false, configuration: StoreConfiguration())
            defer { db.close() }
            try Schema.migrate(db, to: version)
            #expect(try db.userVersion == version)
            if version >= 1 {
                // Rows written the way that version wrote them (v1 had no payload_version).
                try db.statement("INSERT INTO events(seq, time_ns, type, payload) VALUES(?, ?, ?, ?)")
                    .run([.integer(1), .integer(5), .text("OrderAccepted"), .blob(Array("o1|10".utf8))])
                try db.statement("INSERT INTO events(seq, time_ns, type, payload) VALUES(?, ?, ?, ?)")
                    .run([.integer(2), .integer(6), .text("Filled"), .blob(Array("o1|4|100".utf8))])
            }
        }
        let store = try openStore(dir.data)
        defer { store.close() }
        #expect(store.startupReport.schemaVersionFound == version)
        #expect(store.startupReport.schemaVersion == Schema.currentVersion)
        let reader = try store.makeReader()
        defer { reader.close() }
        #expect(try reader.schemaVersion() == Schema.currentVersion)
        let expected: [TestEvent] = version >= 1 ? [.orderAccepted(id: "o1", quantity: 10), .filled(id: "o1", quantity: 4, price: 100)] : []
        #expect(try reader.events(after: 0).map(\.event) == expected)
        #expect(try reader.records(after: 0).allSatisfy { $0.payloadVersion == 1 })
        // Projections were built from the migrated journal.
        if version >= 1 {
            #expect(try reader.rows("SELECT status, filled FROM p_orders WHERE id = ?", .text("o1")) == [[.text("PARTIALLY_FILLED"), .integer(4)]])
        }
        // The next append continues the sequence.
        #expect(try store.appendAndWait(.cancelled(id: "o1"), timeNanoseconds: 7) == (version >= 1 ? 3 : 1))
    }

    @Test("a database newer than this build refuses to open and is left untouched")
    func newerRefuses() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        try store.appendAndWait(.orderAccepted(id: "a", quantity: 1), timeNanoseconds: 1)
        store.close()
        let path = dir.data + "/tradebot.db"
        do {
            let db = try SQLiteConnection(path: path, readOnly: false, configuration: StoreConfiguration())
            try db.exec("PRAGMA user_version=99")
            db.close()
        }
        let before = fileBytes(path)
        let error = #expect(throws: StoreError.self) { _ = try openStore(dir.data) }
        #expect(error?.kind == .schemaTooNew)
        #expect(error?.path == path)
        #expect(error?.message.contains("99") == true)
        #expect(fileBytes(path) == before)
    }

    @Test("a failing migration rolls back and leaves the previous version")
    func failedMigrationRollsBack() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try SQLiteConnection(path: dir.path + "/x.db", readOnly: false, configuration: StoreConfiguration())
        defer { db.close() }
        try Schema.migrate(db, to: 2)
        // Sabotage: a table v3 wants to create already exists.
        try db.exec("CREATE TABLE projection_state(x)")
        let error = #expect(throws: StoreError.self) { try Schema.migrate(db) }
        #expect(error?.kind == .migrationFailed)
        #expect(try db.userVersion == 2)
        #expect(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'store_meta'") == 0)
    }
}
