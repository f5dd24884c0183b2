/// The connection and projections the writer thread owns.
///
/// `@unchecked Sendable` because ownership is transferred exactly once: `EventStore.open` builds it
/// on the opening thread, then hands it to the writer thread and never touches it again.
final class WriterResources<Codec: EventCodec>: @unchecked Sendable {
    let connection: SQLiteConnection
    let codec: Codec
    let projections: [any Projection<Codec.Event>]
    let context: ProjectionContext
    let configuration: StoreConfiguration
    /// Set by `startCheckpointer`; outlives the writer connection's WAL hook.
    private(set) var checkpointer: Checkpointer?

    init(connection: SQLiteConnection, codec: Codec, projections: [any Projection<Codec.Event>],
         configuration: StoreConfiguration) {
        self.connection = connection
        self.codec = codec
        self.projections = projections
        self.context = ProjectionContext(connection: connection)
        self.configuration = configuration
    }

    /// Moves WAL checkpoints off the writer thread (see `Checkpointer`).
    func startCheckpointer() throws(StoreError) {
        let checkpointer = try Checkpointer(path: connection.path, configuration: configuration)
        checkpointer.attach(to: connection)
        self.checkpointer = checkpointer
    }

    /// Closes the writer connection, then the checkpointer (the last connection, which lets
    /// SQLite checkpoint and remove the WAL).
    func closeAll() {
        connection.close()
        checkpointer?.stop()
    }

    // MARK: transactions (writer thread only, or the opening thread before the writer starts)

    /// Inserts events and applies projections in one `BEGIN IMMEDIATE … COMMIT`.
    func commit(_ events: ArraySlice<PendingEvent<Codec.Event>>) throws(StoreError) {
        let db = connection
        try db.exec("BEGIN IMMEDIATE")
        do throws(StoreError) {
            let insert = try db.statement(
                "INSERT INTO events(seq, time_ns, type, payload_version, payload) VALUES(?, ?, ?, ?, ?)")
            for pending in events {
                try insert.bind(pending.sequence, at: 1)
                try insert.bind(pending.timeNanoseconds, at: 2)
                try insert.bind(pending.typeName, at: 3)
                try insert.bind(Int64(pending.payloadVersion), at: 4)
                // The payload is bound without a copy; it must stay valid until the step, so the
                // step happens inside the closure and only the C result code leaves it.
                let rc = pending.payload.withUnsafeBytes { raw in insert.stepBindingBlob(raw, at: 5) }
                try insert.checkStep(rc)
            }
            if !projections.isEmpty, let last = events.last {
                for pending in events {
                    let journalEvent = JournalEvent(sequence: pending.sequence, timeNanoseconds: pending.timeNanoseconds,
                                                    event: pending.event)
                    for projection in projections { try apply(projection, journalEvent) }
                }
                try markProjections(through: last.sequence)
            }
            try db.exec("COMMIT")
        } catch {
            if db.isInTransaction { try? db.exec("ROLLBACK") }
            throw error
        }
    }

    private func apply(_ projection: any Projection<Codec.Event>, _ event: JournalEvent<Codec.Event>) throws(StoreError) {
        do { try projection.apply(event, to: context) } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.projection, path: connection.path,
                             message: "projection \(projection.name) failed on event \(event.sequence): \(error)")
        }
    }

    private func markProjections(through sequence: Int64, only names: Set<String>? = nil) throws(StoreError) {
        let upsert = try connection.statement(
            "INSERT INTO projection_state(name, version, last_seq) VALUES(?, ?, ?) "
                + "ON CONFLICT(name) DO UPDATE SET version = excluded.version, last_seq = excluded.last_seq")
        for projection in projections where names?.contains(projection.name) ?? true {
            try upsert.run([.text(projection.name), .integer(Int64(projection.version)), .integer(sequence)])
        }
    }

    /// Creates missing projection tables and returns the names whose stored version or sequence
    /// does not match (new, changed, or behind the journal).
    func staleProjections(lastSequence: Int64) throws(StoreError) -> Set<String> {
        var stale: Set<String> = []
        for projection in projections {
            for statement in projection.schema { try connection.exec(statement) }
            let row = try connection.statement("SELECT version, last_seq FROM projection_state WHERE name = ?")
                .rows([.text(projection.name)]).first
            let version = row?[0].integerValue
            let through = row?[1].integerValue
            if version != Int64(projection.version) || through != lastSequence { stale.insert(projection.name) }
        }
        return stale
    }

    /// Drops, re-creates and refills projections from the journal, in one transaction.
    func rebuild(only names: Set<String>? = nil) throws(StoreError) {
        let selected = projections.filter { names?.contains($0.name) ?? true }
        guard !selected.isEmpty else { return }
        let db = connection
        try db.exec("BEGIN IMMEDIATE")
        do throws(StoreError) {
            for projection in selected {
                for statement in projection.dropStatements { try db.exec(statement) }
                for statement in projection.schema { try db.exec(statement) }
            }
            // A fresh (non-cached) statement: the rebuild reads while projections write.
            let scan = try SQLiteStatement(
                connection: db, sql: "SELECT seq, time_ns, type, payload_version, payload FROM events ORDER BY seq",
                persistent: false)
            defer { scan.finalize() }
            var last: Int64 = 0
            while try scan.step() {
                let sequence = scan.int64(at: 0)
                let event: Codec.Event
                do {
                    event = try codec.decode(typeName: scan.text(at: 2), payloadVersion: Int(scan.int64(at: 3)),
                                             payload: scan.blob(at: 4))
                } catch {
                    throw StoreError(.codec, path: db.path, message: "cannot decode event \(sequence): \(error)")
                }
                let journalEvent = JournalEvent(sequence: sequence, timeNanoseconds: scan.int64(at: 1), event: event)
                for projection in selected { try apply(projection, journalEvent) }
                last = sequence
            }
            try markProjections(through: last, only: Set(selected.map(\.name)))
            try db.exec("COMMIT")
        } catch {
            if db.isInTransaction { try? db.exec("ROLLBACK") }
            throw error
        }
    }
}
