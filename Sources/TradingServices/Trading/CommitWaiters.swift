import Persistence

/// Callers waiting for their engine step's events to be durable, collected while the sequencer
/// works through one drained batch of its inbox and then handed to the store
/// (`EngineHost.registerCommitWaiters`). The store's writer thread answers them straight from its
/// commit: no hop back through the sequencer and no second suspension of the caller.
///
/// Each caller keeps its own sequence: waiting for the batch's newest one instead made early
/// callers of a batch wait for the next group commit whenever the writer had already taken their
/// events (one more `fdatasync`, visible as a longer p95 at low concurrency).
///
/// Threading: confined to the sequencer thread (`add` is called from reply closures, which the
/// sequencer runs; `take` by the sequencer loop). `@unchecked Sendable` only so that the
/// `Sendable` host can own it; nothing here is locked.
final class CommitWaiters: @unchecked Sendable {
    private var waiters: [(sequence: Int64, callback: CommitCallback)] = []

    init() { waiters.reserveCapacity(256) }

    /// Queues `callback` for when everything through `sequence` is committed.
    func add(through sequence: Int64, _ callback: @escaping CommitCallback) {
        waiters.append((sequence, callback))
    }

    var isEmpty: Bool { waiters.isEmpty }

    /// The queued waiters, oldest first; empties the list.
    func take() -> [(sequence: Int64, callback: CommitCallback)] {
        let taken = waiters
        waiters = []
        waiters.reserveCapacity(taken.count)
        return taken
    }
}
