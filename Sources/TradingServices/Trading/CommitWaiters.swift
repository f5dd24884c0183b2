import Persistence

/// Callers waiting for their engine step's events to be durable, collected while the sequencer
/// works through one drained batch of its inbox and then handed to the store as one commit
/// callback (`EngineHost.registerCommitWaiters`). The store's writer thread then answers all of
/// them in one pass, straight from its commit: no waiter per command in the writer, and no hop
/// back through the sequencer or a second suspension of the caller.
///
/// Threading: confined to the sequencer thread (`add` is called from reply closures, which the
/// sequencer runs; `take` by the sequencer loop). `@unchecked Sendable` only so that the
/// `Sendable` host can own it; nothing here is locked.
final class CommitWaiters: @unchecked Sendable {
    private var callbacks: [CommitCallback] = []
    private var through: Int64 = 0

    init() { callbacks.reserveCapacity(256) }

    /// Queues `callback` for when everything through `sequence` is committed.
    func add(through sequence: Int64, _ callback: @escaping CommitCallback) {
        callbacks.append(callback)
        if sequence > through { through = sequence }
    }

    var isEmpty: Bool { callbacks.isEmpty }

    /// The queued callbacks and the sequence they wait for; empties the list.
    func take() -> (through: Int64, callbacks: [CommitCallback]) {
        let taken = (through, callbacks)
        callbacks = []
        callbacks.reserveCapacity(taken.1.count)
        through = 0
        return taken
    }
}
