/// Reads the journal, snapshots and projection tables through its own read-only connection.
///
/// In WAL mode a reader sees the last committed state when each query (or `readTransaction`)
/// starts and never blocks the writer. Threading: not Sendable; use it from one thread (or one
/// task at a time) and `close()` it. Keep read transactions short: a reader that stays inside one
/// forever prevents WAL checkpoints.
public final class JournalReader<Codec: EventCodec> {
    public typealias Event = Codec.Event
    let connection: SQLiteConnection
    let codec: Codec

    init(path: String, codec: Codec, configuration: StoreConfiguration) throws(StoreError) {
        connection = try SQLiteConnection(path: path, readOnly: true, configuration: configuration)
        self.codec = codec
    }

    /// The path of the database file this reader reads.
    public var path: String { connection.path }

    /// The highest committed sequence (0 for an empty journal).
    public func lastSequence() throws(StoreError) -> Int64 {
        try connection.scalarInt("SELECT max(seq) FROM events") ?? 0
    }

    /// Up to `limit` raw records with sequence > `sequence`, in order (for streaming in pages).
    public func records(after sequence: Int64, limit: Int = 1_000) throws(StoreError) -> [JournalRecord] {
        let statement = try connection.statement(
            "SELECT seq, time_ns, type, payload_version, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?")
        defer { statement.reset() }
        try statement.bind([.integer(sequence), .integer(Int64(max(0, limit)))])
        var result: [JournalRecord] = []
        while try statement.step() {
            result.append(JournalRecord(sequence: statement.int64(at: 0), timeNanoseconds: statement.int64(at: 1),
                                        typeName: statement.text(at: 2), payloadVersion: Int(statement.int64(at: 3)),
                                        payload: statement.blob(at: 4)))
        }
        return result
    }

    /// Up to `limit` decoded events with sequence > `sequence`, in order.
    public func events(after sequence: Int64, limit: Int = 1_000) throws(StoreError) -> [JournalEvent<Event>] {
        var result: [JournalEvent<Event>] = []
        for record in try records(after: sequence, limit: limit) { result.append(try decode(record)) }
        return result
    }

    /// Decodes one record with the store's codec.
    public func decode(_ record: JournalRecord) throws(StoreError) -> JournalEvent<Event> {
        do {
            let event = try codec.decode(typeName: record.typeName, payloadVersion: record.payloadVersion,
                                         payload: record.payload)
            return JournalEvent(sequence: record.sequence, timeNanoseconds: record.timeNanoseconds, event: event)
        } catch {
            throw StoreError(.codec, path: connection.path,
                             message: "cannot decode event \(record.sequence) (\(record.typeName) v\(record.payloadVersion)): \(error)")
        }
    }

    /// Decodes every event after `sequence` in one read transaction (a consistent view) and hands
    /// each to `body`. Returns the last sequence seen, or `sequence` when there was none.
    @discardableResult
    public func replay(after sequence: Int64, _ body: (JournalEvent<Event>) -> Void) throws(StoreError) -> Int64 {
        try replay(after: sequence, where: { _, _ in true }, body)
    }

    /// Like `replay(after:_:)`, but decodes only the rows `wanted` accepts, judged from the
    /// sequence and the type name's UTF-8 bytes (valid during the call) before any decoding. A
    /// restart uses it to skip rows that no component needs.
    @discardableResult
    public func replay(after sequence: Int64, where wanted: (Int64, UnsafeRawBufferPointer) -> Bool,
                       _ body: (JournalEvent<Event>) -> Void) throws(StoreError) -> Int64 {
        let statement = try connection.statement(
            "SELECT seq, time_ns, type, payload_version, payload FROM events WHERE seq > ? ORDER BY seq")
        defer { statement.reset() }
        try statement.bind([.integer(sequence)])
        var last = sequence
        while try statement.step() {
            let seq = statement.int64(at: 0)
            last = seq
            guard statement.withTextBytes(at: 2, { wanted(seq, $0) }) else { continue }
            let typeName = statement.text(at: 2)
            let version = Int(statement.int64(at: 3))
            let event: Event
            do {
                event = try codec.decode(typeName: typeName, payloadVersion: version, payload: statement.blob(at: 4))
            } catch {
                throw StoreError(.codec, path: connection.path,
                                 message: "cannot decode event \(seq) (\(typeName) v\(version)): \(error)")
            }
            body(JournalEvent(sequence: seq, timeNanoseconds: statement.int64(at: 1), event: event))
        }
        return last
    }

    /// The newest snapshot with a sequence below `sequence` (any, when nil) in the journal's own
    /// `snapshots` table: where older builds stored them and where a backup puts one. New ones
    /// are in `snapshots.db`; `EventStore.latestSnapshot` looks in both.
    public func latestSnapshot(before sequence: Int64?) throws(StoreError) -> Snapshot? {
        guard let sequence else { return try latestSnapshot() }
        guard let row = try connection.statement(
            "SELECT seq, created_ns, format, data FROM snapshots WHERE seq < ? ORDER BY seq DESC LIMIT 1")
            .rows([.integer(sequence)]).first
        else { return nil }
        return Snapshot(sequence: row[0].integerValue ?? 0, format: row[2].textValue ?? "",
                        data: row[3].blobValue ?? [], createdNanoseconds: row[1].integerValue ?? 0)
    }

    /// The newest snapshot in the journal's own `snapshots` table, if any (see above).
    public func latestSnapshot() throws(StoreError) -> Snapshot? {
        guard let row = try connection.statement(
            "SELECT seq, created_ns, format, data FROM snapshots ORDER BY seq DESC LIMIT 1").rows().first
        else { return nil }
        return Snapshot(sequence: row[0].integerValue ?? 0, format: row[2].textValue ?? "",
                        data: row[3].blobValue ?? [], createdNanoseconds: row[1].integerValue ?? 0)
    }

    /// Runs a read-only query (projection tables, `projection_state`, ...) and returns its rows.
    public func rows(_ sql: StaticString, _ values: SQLValue...) throws(StoreError) -> [[SQLValue]] {
        try connection.statement(sql).rows(values)
    }

    /// Runs `body` inside one read transaction, so several queries see the same committed state.
    public func readTransaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.exec("BEGIN")
        do {
            let value = try body()
            try connection.exec("COMMIT")
            return value
        } catch {
            if connection.isInTransaction { try? connection.exec("ROLLBACK") }
            throw error
        }
    }

    /// `PRAGMA quick_check` rows; `["ok"]` means healthy. Reads the whole file (without the index
    /// cross-checks of `integrityCheck`); lets a start check the file while it recovers.
    public func quickCheck() throws(StoreError) -> [String] { try connection.check(quick: true) }

    /// `PRAGMA integrity_check` rows; `["ok"]` means healthy. Reads the whole file: maintenance only.
    public func integrityCheck() throws(StoreError) -> [String] { try connection.check(quick: false) }

    /// The database's schema version.
    public func schemaVersion() throws(StoreError) -> Int64 { try connection.userVersion }

    /// Finalizes statements and closes the connection. Safe to call twice.
    public func close() { connection.close() }

    deinit { close() }
}
