import Dispatch

/// The durable event journal of `tradebotd`: one SQLite database in a data directory, one writer
/// thread with group commit, projections updated in the same transactions, snapshots for bounded
/// restarts.
///
/// Usage: `open` (startup checks, migrations, projection catch-up), then `append` from the engine
/// thread. `append` returns the event's sequence at once; the engine continues while the writer
/// batches. Whoever must not answer before the event is durable (an RPC accepting an order) waits
/// with `waitForCommit`, `committed(through:)` or an `onCommit` callback.
///
/// Threading: all methods may be called from any thread. Appends are ordered by the order in which
/// callers enter `append`; the engine, being one thread, gets its own order. Readers
/// (`makeReader`) use their own connections and never block the writer. Only one `EventStore` may
/// use a data directory at a time (an exclusive lock file enforces it, also across processes).
public final class EventStore<Codec: EventCodec>: Sendable {
    public typealias Event = Codec.Event

    /// The database file's name inside the data directory.
    public static var databaseFileName: String { "tradebot.db" }
    /// The schema version this build writes.
    public static var schemaVersion: Int64 { Schema.currentVersion }

    public let directory: String
    public let databasePath: String
    public let codec: Codec
    public let configuration: StoreConfiguration
    /// What the startup checks found.
    public let startupReport: StartupReport

    let writer: JournalWriter<Codec>
    /// Snapshots live in their own file (`snapshots.db`), written off the journal writer.
    let snapshots: SnapshotStore
    private let lock: StateLock<DataDirectoryLockBox>

    /// Opens (or creates) the store in `directory`.
    ///
    /// Checks, in order, each failing with an error that names the file: the directory is writable
    /// and not in use by another process; the WAL is not damaged; the database file is a database;
    /// `quick_check` passes; the schema is not newer than this build. Then migrates forward,
    /// creates projection tables and rebuilds projections whose version changed. Nothing here
    /// deletes or rewrites existing data when a check fails.
    public init(directory: String, codec: Codec, projections: [any Projection<Codec.Event>] = [],
                configuration: StoreConfiguration = StoreConfiguration()) throws(StoreError) {
        let started = FileSystem.monotonicNanoseconds()
        var seen: Set<String> = []
        for projection in projections where !seen.insert(projection.name).inserted {
            throw StoreError(.invalidArgument, path: directory, message: "two projections are named \(projection.name)")
        }
        try FileSystem.createDirectory(directory)
        let dirLock = try DataDirectoryLock(directory: directory)
        let dbPath = directory + "/" + Self.databaseFileName
        var warnings = try WALInspector.inspect(walPath: dbPath + "-wal")
        let connection: SQLiteConnection
        do throws(StoreError) {
            connection = try SQLiteConnection(path: dbPath, readOnly: false, configuration: configuration)
        } catch {
            dirLock.release()
            throw error
        }
        var snapshotStore: SnapshotStore?
        do throws(StoreError) {
            if configuration.quickCheckOnOpen {
                let rows = try connection.check(quick: true)
                guard rows == ["ok"] else {
                    throw StoreError(.corrupt, path: dbPath,
                                     message: "quick_check failed: " + rows.prefix(5).joined(separator: "; "))
                }
            }
            let found = try connection.userVersion
            try Schema.migrate(connection)
            let last = try connection.scalarInt("SELECT max(seq) FROM events") ?? 0
            let resources = WriterResources(connection: connection, codec: codec, projections: projections,
                                            configuration: configuration)
            let stale = try resources.staleProjections(lastSequence: last)
            try resources.rebuild(only: stale)
            let snapshots = try SnapshotStore(directory: directory, configuration: configuration, warnings: &warnings)
            snapshotStore = snapshots
            if configuration.backgroundCheckpoints { try resources.startCheckpointer() }
            if found != 0 && found < Schema.currentVersion {
                warnings.append("\(dbPath) was migrated from schema version \(found) to \(Schema.currentVersion)")
            }
            self.directory = directory
            self.databasePath = dbPath
            self.codec = codec
            self.configuration = configuration
            self.lock = StateLock(DataDirectoryLockBox(dirLock))
            self.snapshots = snapshots
            self.startupReport = StartupReport(
                databasePath: dbPath, schemaVersionFound: found, schemaVersion: Schema.currentVersion,
                lastSequence: last, quickCheckPassed: configuration.quickCheckOnOpen,
                rebuiltProjections: projections.map(\.name).filter { stale.contains($0) }, warnings: warnings,
                openNanoseconds: FileSystem.monotonicNanoseconds() - started)
            self.writer = JournalWriter(resources: resources, lastSequence: last)
        } catch {
            snapshotStore?.close()
            connection.close()
            dirLock.release()
            throw error
        }
    }

    // MARK: appending

    /// Queues one event and returns its sequence. Not yet durable: see `waitForCommit`.
    @discardableResult
    public func append(_ event: Event, timeNanoseconds: Int64, onCommit: CommitCallback? = nil) throws(StoreError) -> Int64 {
        try writer.enqueue(encode(event, timeNanoseconds), callback: onCommit)
    }

    /// Queues one event that its producer already numbered (the engine is the sequencer: its
    /// `SequencedEvent.sequence`), refusing it with `.sequenceMismatch` unless `sequence` is exactly
    /// the journal's next one. Nothing is queued on a mismatch and the store keeps running, so a
    /// gap or a replayed duplicate is caught at the boundary instead of silently renumbered.
    @discardableResult
    public func append(_ event: Event, sequence: Int64, timeNanoseconds: Int64,
                       onCommit: CommitCallback? = nil) throws(StoreError) -> Int64 {
        try writer.enqueue(encode(event, timeNanoseconds), expected: sequence, callback: onCommit)
    }

    /// Queues events (e.g. everything one engine input produced) with contiguous sequences, and
    /// optionally registers `onCommit` for the last of them.
    @discardableResult
    public func append(_ events: [Event], timeNanoseconds: Int64,
                       onCommit: CommitCallback? = nil) throws(StoreError) -> ClosedRange<Int64> {
        guard !events.isEmpty else {
            throw StoreError(.invalidArgument, path: databasePath, message: "append needs at least one event")
        }
        var encoded: [PendingEvent<Event>] = []
        encoded.reserveCapacity(events.count)
        for event in events { encoded.append(try encode(event, timeNanoseconds)) }
        return try writer.enqueue(encoded, callback: onCommit)
    }

    /// Encodes on the producer's thread, so codec errors reach the caller and the writer only does SQL.
    private func encode(_ event: Event, _ time: Int64) throws(StoreError) -> PendingEvent<Event> {
        let encoded: (version: Int, bytes: [UInt8])
        do { encoded = try codec.encodePayload(event) } catch {
            throw StoreError(.codec, path: databasePath, message: "cannot encode event: \(error)")
        }
        return PendingEvent(sequence: 0, timeNanoseconds: time, typeName: codec.typeName(of: event),
                            payloadVersion: encoded.version, payload: encoded.bytes, event: event)
    }

    /// Appends and blocks the calling thread until the event is committed. For threads that may
    /// block (not the engine thread, not an event loop).
    @discardableResult
    public func appendAndWait(_ event: Event, timeNanoseconds: Int64) throws(StoreError) -> Int64 {
        let waiter = BlockingWaiter()
        let sequence = try append(event, timeNanoseconds: timeNanoseconds, onCommit: waiter.callback)
        try waiter.wait()
        return sequence
    }

    /// Appends and suspends until the event is committed.
    @discardableResult
    public func appendDurably(_ event: Event, timeNanoseconds: Int64) async throws(StoreError) -> Int64 {
        let sequence = try append(event, timeNanoseconds: timeNanoseconds)
        try await committed(through: sequence)
        return sequence
    }

    /// Blocks until `sequence` is committed, or throws the error that prevents it.
    public func waitForCommit(of sequence: Int64) throws(StoreError) {
        let waiter = BlockingWaiter()
        writer.register(sequence: sequence, waiter.callback)
        try waiter.wait()
    }

    /// Suspends until `sequence` is committed, or throws the error that prevents it.
    public func committed(through sequence: Int64) async throws(StoreError) {
        let result: Result<Int64, StoreError> = await withCheckedContinuation { continuation in
            writer.register(sequence: sequence) { continuation.resume(returning: $0) }
        }
        _ = try result.get()
    }

    /// Calls `callback` (on the writer thread, or at once) when `sequence` is committed.
    public func onCommit(of sequence: Int64, _ callback: @escaping CommitCallback) {
        writer.register(sequence: sequence, callback)
    }

    /// The highest sequence known durable.
    public var committedSequence: Int64 { writer.committedSequence }
    /// The highest sequence handed out by `append` (committed or not).
    public var lastAssignedSequence: Int64 { writer.lastAssignedSequence }
    /// The error that stopped the writer, if any (disk full, projection failure...). Once set the
    /// store refuses appends; fix the cause and reopen.
    public var failure: StoreError? { writer.failure }

    /// Journal transactions committed since open; `committedSequence` growth divided by this is
    /// the group-commit batch size (a metric worth exporting).
    public var commitCount: Int { writer.commits }
    /// WAL checkpoints the background checkpointer has run since open (0 when disabled).
    public var backgroundCheckpointCount: Int { writer.checkpointer?.checkpoints ?? 0 }

    /// Blocks until everything appended before this call is committed.
    public func flush() throws(StoreError) {
        let waiter = BlockingWaiter()
        writer.submit(.barrier(waiter.callback))
        try waiter.wait()
    }

    // MARK: projections and snapshots

    /// Drops every projection and rebuilds it from the journal in one transaction, ordered after
    /// all events appended before the call. Blocks until done.
    public func rebuildProjections() throws(StoreError) {
        let waiter = BlockingWaiter()
        writer.submit(.rebuildProjections(waiter.callback))
        try waiter.wait()
    }

    /// Stores engine state that covers the journal through `sequence` in `snapshots.db`, keeping
    /// the newest `configuration.snapshotsToKeep`. Blocks the calling thread until stored (call it
    /// from a background thread), but never the journal writer: the row is written on the
    /// snapshot database's own connection. `sequence` must have been appended; when it is not yet
    /// committed this first waits for its commit, so a stored snapshot never covers an event a
    /// crash could lose.
    public func saveSnapshot(_ data: [UInt8], format: String, through sequence: Int64) throws(StoreError) {
        guard sequence >= 0, sequence <= writer.lastAssignedSequence else {
            throw StoreError(.invalidArgument, path: snapshots.path,
                             message: "snapshot covers sequence \(sequence) but only \(writer.lastAssignedSequence) was appended")
        }
        if sequence > writer.committedSequence { try waitForCommit(of: sequence) }
        if let failure = writer.failure { throw failure }
        try snapshots.save(Snapshot(sequence: sequence, format: format, data: data,
                                    createdNanoseconds: FileSystem.nowNanoseconds()))
    }

    /// The sequences of the snapshots kept in `snapshots.db`, oldest first.
    public func snapshotSequences() throws(StoreError) -> [Int64] {
        try snapshots.sequences()
    }

    // MARK: reading

    /// Runs `PRAGMA quick_check` on a reader connection; throws `.corrupt` naming the file when it
    /// finds damage. For a store opened with `quickCheckOnOpen` off, so the check can run while
    /// the caller recovers state (it must not serve before the check passed).
    public func quickCheck() throws(StoreError) {
        let reader = try makeReader()
        defer { reader.close() }
        let rows = try reader.quickCheck()
        guard rows == ["ok"] else {
            throw StoreError(.corrupt, path: databasePath, message: "quick_check failed: " + rows.prefix(5).joined(separator: "; "))
        }
    }

    /// A new reader with its own read-only connection. Owned by the calling thread; close it when done.
    public func makeReader() throws(StoreError) -> JournalReader<Codec> {
        try JournalReader(path: databasePath, codec: codec, configuration: configuration)
    }

    /// The newest snapshot, if any.
    public func latestSnapshot() throws(StoreError) -> Snapshot? {
        try latestSnapshot(before: nil)
    }

    /// The newest snapshot with a sequence below `sequence` (the newest of all when nil); lets a
    /// restart fall back to an older snapshot when the newest cannot be read.
    ///
    /// Looks in `snapshots.db` and in the journal's own `snapshots` table, where builds before
    /// snapshots moved out of the journal stored them (an old data directory starts from its
    /// newest one; this build never writes there again), and returns the newer of the two.
    public func latestSnapshot(before sequence: Int64?) throws(StoreError) -> Snapshot? {
        let current = try snapshots.latest(before: sequence)
        let reader = try makeReader()
        defer { reader.close() }
        let legacy = try reader.latestSnapshot(before: sequence)
        guard let legacy else { return current }
        guard let current else { return legacy }
        return legacy.sequence > current.sequence ? legacy : current
    }

    /// Decodes and hands every committed event after `sequence` to `body`, in order, then returns
    /// the last sequence seen (or `sequence` if none). Used at restart after loading a snapshot.
    @discardableResult
    public func replay(after sequence: Int64, _ body: (JournalEvent<Event>) -> Void) throws(StoreError) -> Int64 {
        let reader = try makeReader()
        defer { reader.close() }
        return try reader.replay(after: sequence, body)
    }

    // MARK: lifecycle

    /// Commits what is queued, stops the writer, closes the database and releases the data
    /// directory. Later appends throw `.closed`. Safe to call more than once.
    public func close() {
        writer.close()
        snapshots.close()
        lock.withLock { $0.lock?.release(); $0.lock = nil }
    }

    deinit { close() }
}

/// Holds the directory lock so `close()` can release it exactly once from any thread.
struct DataDirectoryLockBox: @unchecked Sendable {
    // Only touched inside the store's StateLock.
    var lock: DataDirectoryLock?
    init(_ lock: DataDirectoryLock) { self.lock = lock }
}

