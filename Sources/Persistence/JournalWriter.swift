import Dispatch
import Foundation

/// Called once when an event's batch has committed (`.success(sequence)`) or can never commit
/// (`.failure`). Runs on the writer thread: keep it short and never block in it.
public typealias CommitCallback = @Sendable (Result<Int64, StoreError>) -> Void

/// An event encoded by its producer, waiting for the writer.
struct PendingEvent<Event: Sendable>: Sendable {
    var sequence: Int64
    var timeNanoseconds: Int64
    var typeName: String
    var payloadVersion: Int
    var payload: [UInt8]
    var event: Event
}

/// Work other than events that must be ordered with them on the writer connection.
enum WriterCommand: Sendable {
    case snapshot(Snapshot, CommitCallback)
    case rebuildProjections(CommitCallback)
    case barrier(CommitCallback)
}

/// What `register` decided under the lock.
enum RegistrationOutcome {
    case ok, failed(StoreError), later
}

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

    func saveSnapshot(_ snapshot: Snapshot, committed: Int64) throws(StoreError) {
        guard snapshot.sequence >= 0, snapshot.sequence <= committed else {
            throw StoreError(.invalidArgument, path: connection.path,
                             message: "snapshot covers sequence \(snapshot.sequence) but only \(committed) is committed")
        }
        let db = connection
        try db.exec("BEGIN IMMEDIATE")
        do throws(StoreError) {
            try db.statement("INSERT OR REPLACE INTO snapshots(seq, created_ns, format, data) VALUES(?, ?, ?, ?)")
                .run([.integer(snapshot.sequence), .integer(snapshot.createdNanoseconds),
                      .text(snapshot.format), .blob(snapshot.data)])
            try db.statement("DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)")
                .run([.integer(Int64(max(1, configuration.snapshotsToKeep)))])
            try db.exec("COMMIT")
        } catch {
            if db.isInTransaction { try? db.exec("ROLLBACK") }
            throw error
        }
    }
}

/// The single writer: a dedicated thread that drains a queue of encoded events into group
/// commits, then resolves durability waiters.
///
/// Threading: producers call `enqueue`/`register` from any thread (state behind a `StateLock`, i.e. a `Mutex`); only
/// the writer thread touches `resources`. The writer sleeps on a semaphore when idle and is woken
/// by the producer that finds it idle, so an idle store uses no CPU and a busy one never syscalls
/// per event. A failed commit is sticky: every queued and later append fails with that error,
/// because sequences after a lost batch would leave a hole in the journal.
final class JournalWriter<Codec: EventCodec>: Sendable {
    struct Waiter: Sendable {
        var sequence: Int64
        var callback: CommitCallback
    }

    struct State: Sendable {
        var queue: [PendingEvent<Codec.Event>] = []
        var commands: [WriterCommand] = []
        var waiters: [Waiter] = []
        var nextSequence: Int64
        var committedSequence: Int64
        var failure: StoreError?
        var idle = false
        var closing = false
        var exited = false
    }

    let path: String
    private let state: StateLock<State>
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let maxBatch: Int

    /// The background checkpointer, if enabled (kept here for its counters).
    let checkpointer: Checkpointer?

    init(resources: WriterResources<Codec>, lastSequence: Int64) {
        path = resources.connection.path
        checkpointer = resources.checkpointer
        maxBatch = max(1, resources.configuration.maxBatchSize)
        state = StateLock(State(nextSequence: lastSequence + 1, committedSequence: lastSequence))
        let thread = Thread { [self] in self.run(resources) }
        thread.name = "tradebot.journal-writer"
        thread.start()
    }

    var committedSequence: Int64 { state.withLock { $0.committedSequence } }
    var lastAssignedSequence: Int64 { state.withLock { $0.nextSequence - 1 } }
    var failure: StoreError? { state.withLock { $0.failure } }

    /// Assigns contiguous sequences to `events` (encoded by the producer, `sequence` not yet set)
    /// and queues them. `callback`, if given, is registered for the last of them before the writer
    /// can see them. Non-generic containers only: this is the producer's hot path.
    func enqueue(_ events: [PendingEvent<Codec.Event>], callback: CommitCallback?) throws(StoreError) -> ClosedRange<Int64> {
        let (range, signal) = try state.withLock { (s) throws(StoreError) -> (ClosedRange<Int64>, Bool) in
            if let failure = s.failure { throw failure }
            if s.closing { throw StoreError(.closed, path: path, message: "the store is closed") }
            let first = s.nextSequence
            for var item in events {
                item.sequence = s.nextSequence
                s.queue.append(item)
                s.nextSequence += 1
            }
            let range = first...(s.nextSequence - 1)
            if let callback { s.waiters.append(Waiter(sequence: range.upperBound, callback: callback)) }
            let signal = s.idle
            s.idle = false
            return (range, signal)
        }
        if signal { wake.signal() }
        return range
    }

    /// Single-event form of `enqueue` (no intermediate array). With `expected`, the event is
    /// queued only if it would get exactly that sequence (the engine numbers its own events).
    func enqueue(_ event: PendingEvent<Codec.Event>, expected: Int64? = nil,
                 callback: CommitCallback?) throws(StoreError) -> Int64 {
        let (sequence, signal) = try state.withLock { (s) throws(StoreError) -> (Int64, Bool) in
            if let failure = s.failure { throw failure }
            if s.closing { throw StoreError(.closed, path: path, message: "the store is closed") }
            if let expected, expected != s.nextSequence {
                throw StoreError(.sequenceMismatch, path: path,
                                 message: "event numbered \(expected) but the journal's next sequence is \(s.nextSequence)")
            }
            var item = event
            item.sequence = s.nextSequence
            s.nextSequence += 1
            s.queue.append(item)
            if let callback { s.waiters.append(Waiter(sequence: item.sequence, callback: callback)) }
            let signal = s.idle
            s.idle = false
            return (item.sequence, signal)
        }
        if signal { wake.signal() }
        return sequence
    }

    /// Calls `callback` once `sequence` is committed (at once, on this thread, if it already is).
    func register(sequence: Int64, _ callback: @escaping CommitCallback) {
        let now: RegistrationOutcome = state.withLock { s in
            if sequence <= s.committedSequence { return .ok }
            if let failure = s.failure { return .failed(failure) }
            if s.exited { return .failed(StoreError(.closed, path: path, message: "the store is closed")) }
            if sequence >= s.nextSequence {
                return .failed(StoreError(.invalidArgument, path: path,
                                          message: "sequence \(sequence) was never assigned (last is \(s.nextSequence - 1))"))
            }
            s.waiters.append(Waiter(sequence: sequence, callback: callback))
            return .later
        }
        switch now {
        case .ok: callback(.success(sequence))
        case .failed(let error): callback(.failure(error))
        case .later: break
        }
    }

    /// Queues a command; its callback runs on the writer thread after it executed.
    func submit(_ command: WriterCommand) {
        let outcome: StoreError? = state.withLock { s in
            if let failure = s.failure { return failure }
            if s.closing { return StoreError(.closed, path: path, message: "the store is closed") }
            s.commands.append(command)
            return nil
        }
        if let outcome {
            switch command {
            case .snapshot(_, let cb), .rebuildProjections(let cb), .barrier(let cb): cb(.failure(outcome))
            }
            return
        }
        signalIfIdle()
    }

    private func signalIfIdle() {
        let signal = state.withLock { s in
            let was = s.idle
            s.idle = false
            return was
        }
        if signal { wake.signal() }
    }

    /// Stops accepting work, lets the writer commit what is queued, and waits for it to exit.
    func close() {
        let wait = state.withLock { s in
            let first = !s.closing
            s.closing = true
            return first
        }
        guard wait else { return }
        wake.signal()
        exited.wait()
    }

    // MARK: writer thread

    private func run(_ resources: WriterResources<Codec>) {
        var committed = state.withLock { $0.committedSequence }
        while true {
            let (batch, commands, stop) = state.withLock { s -> ([PendingEvent<Codec.Event>], [WriterCommand], Bool) in
                if s.queue.isEmpty && s.commands.isEmpty {
                    if s.closing { return ([], [], true) }
                    s.idle = true
                    return ([], [], false)
                }
                var taken: [PendingEvent<Codec.Event>] = []
                swap(&taken, &s.queue)
                s.queue.reserveCapacity(taken.count)
                let commands = s.commands
                s.commands.removeAll()
                return (taken, commands, false)
            }
            if stop { break }
            if batch.isEmpty && commands.isEmpty {
                wake.wait()
                continue
            }
            var start = 0
            while start < batch.count {
                let end = min(batch.count, start + maxBatch)
                do {
                    try resources.commit(batch[start..<end])
                    committed = batch[end - 1].sequence
                    resolve(through: committed)
                } catch {
                    fail(error)
                    break
                }
                start = end
            }
            for command in commands { execute(command, resources, committed: committed) }
        }
        resources.closeAll()
        // Everything queued was committed above; a waiter left now can never be satisfied.
        let orphans: [Waiter] = state.withLock { s in
            s.exited = true
            let orphans = s.waiters
            s.waiters.removeAll()
            return orphans
        }
        for waiter in orphans {
            waiter.callback(.failure(StoreError(.closed, path: path, message: "the store closed before sequence \(waiter.sequence) committed")))
        }
        exited.signal()
    }

    private func execute(_ command: WriterCommand, _ resources: WriterResources<Codec>, committed: Int64) {
        if let failure = state.withLock({ $0.failure }) {
            switch command {
            case .snapshot(_, let cb), .rebuildProjections(let cb), .barrier(let cb): cb(.failure(failure))
            }
            return
        }
        switch command {
        case .barrier(let callback):
            callback(.success(committed))
        case .snapshot(let snapshot, let callback):
            do { try resources.saveSnapshot(snapshot, committed: committed); callback(.success(snapshot.sequence)) } catch {
                callback(.failure(error))
            }
        case .rebuildProjections(let callback):
            do { try resources.rebuild(); callback(.success(committed)) } catch { callback(.failure(error)) }
        }
    }

    private func resolve(through sequence: Int64) {
        let ready: [Waiter] = state.withLock { s in
            s.committedSequence = sequence
            guard !s.waiters.isEmpty else { return [] }
            var ready: [Waiter] = []
            var keep: [Waiter] = []
            for waiter in s.waiters {
                if waiter.sequence <= sequence { ready.append(waiter) } else { keep.append(waiter) }
            }
            s.waiters = keep
            return ready
        }
        for waiter in ready { waiter.callback(.success(waiter.sequence)) }
    }

    private func fail(_ error: StoreError) {
        let (waiters, commands) = state.withLock { s -> ([Waiter], [WriterCommand]) in
            s.failure = s.failure ?? error
            let waiters = s.waiters
            s.waiters.removeAll()
            s.queue.removeAll()
            let commands = s.commands
            s.commands.removeAll()
            return (waiters, commands)
        }
        for waiter in waiters { waiter.callback(.failure(error)) }
        for command in commands {
            switch command {
            case .snapshot(_, let cb), .rebuildProjections(let cb), .barrier(let cb): cb(.failure(error))
            }
        }
    }
}
