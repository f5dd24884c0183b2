import Dispatch
import Observability
import Persistence
import Synchronization

/// Takes startup snapshots while the server runs: after `everyEvents` journal events, after
/// `interval` (when something changed), and at a clean shutdown.
///
/// A snapshot is a list of `SnapshotSection`s, one per component that keeps one, each captured
/// when that component is asked (no global pause). The row is stored only once every section's
/// sequence is committed, so a snapshot never covers an event a crash could lose.
///
/// Threading: `Sendable`; one background task polls once a second; `take()` may be called from
/// any task and runs one snapshot at a time.
final class SnapshotScheduler: Sendable {
    private struct State {
        /// Sequence of each stored section, by name (from the startup snapshot, then our own).
        var saved: [String: Int64] = [:]
        var lastSequence: Int64 = 0
        var lastTaken: UInt64 = DispatchTime.now().uptimeNanoseconds
        var loop: Task<Void, Never>?
    }

    let components: [any ServerComponent]
    let store: EventStore<ServerEventCodec>
    let configuration: SnapshotConfiguration
    let log: Logger
    private let state: Mutex<State>
    /// Serialises `take()` (the loop and the shutdown snapshot must not interleave).
    private let gate = AsyncGate()

    init(components: [any ServerComponent], store: EventStore<ServerEventCodec>, configuration: SnapshotConfiguration,
         log: Logger, restored: [String: Int64], snapshotSequence: Int64?) {
        self.components = components.filter { $0.snapshotSection != nil }
        self.store = store
        self.configuration = configuration
        self.log = log
        state = Mutex(State(saved: restored, lastSequence: snapshotSequence ?? 0))
    }

    /// Starts the polling task (nothing to do when no component keeps a snapshot or both
    /// triggers are off).
    func start() {
        guard !components.isEmpty, configuration.everyEvents != nil || configuration.interval != nil else { return }
        let task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if Task.isCancelled { break }
                guard due() else { continue }
                do { _ = try await take() } catch {
                    log.warning("snapshot not stored; will retry", ["reason": "\(error)"])
                    state.withLock { $0.lastTaken = DispatchTime.now().uptimeNanoseconds }
                }
            }
        }
        state.withLock { $0.loop = task }
    }

    /// Stops the polling task, then takes the shutdown snapshot if configured.
    func stop() async {
        let task = state.withLock { s -> Task<Void, Never>? in
            defer { s.loop = nil }
            return s.loop
        }
        task?.cancel()
        await task?.value
        guard configuration.onShutdown, !components.isEmpty else { return }
        do {
            if let sequence = try await take() { log.info("shutdown snapshot stored", ["through": "\(sequence)"]) }
        } catch {
            log.warning("shutdown snapshot not stored; the next start replays more of the journal", ["reason": "\(error)"])
        }
    }

    private func due() -> Bool {
        let committed = store.committedSequence
        return state.withLock { s in
            guard committed > s.lastSequence else { return false }
            if let n = configuration.everyEvents, committed - s.lastSequence >= n { return true }
            if let interval = configuration.interval {
                let elapsed = DispatchTime.now().uptimeNanoseconds &- s.lastTaken
                let (seconds, attoseconds) = interval.components
                return Int64(elapsed) >= seconds * 1_000_000_000 + attoseconds / 1_000_000_000
            }
            return false
        }
    }

    /// Captures every component's section and stores the snapshot once they are committed.
    /// Returns the stored row's sequence, or nil when nothing changed since the last one.
    @discardableResult
    func take() async throws -> Int64? {
        await gate.enter()
        defer { gate.leave() }
        let committedAtStart = store.committedSequence
        let started = DispatchTime.now().uptimeNanoseconds
        var sections: [SnapshotSection] = []
        for component in components {
            if let section = try await component.makeSnapshot() { sections.append(section) }
        }
        let saved = state.withLock { $0.saved }
        guard !sections.isEmpty, sections.contains(where: { saved[$0.name] != $0.through }) else {
            // Nothing a component keeps changed (e.g. only other components' events): wait for
            // the next trigger instead of capturing again every second.
            state.withLock { s in
                s.lastSequence = max(s.lastSequence, committedAtStart)
                s.lastTaken = DispatchTime.now().uptimeNanoseconds
            }
            return nil
        }
        let captured = DispatchTime.now().uptimeNanoseconds
        let newest = sections.map(\.through).max() ?? 0
        let oldest = sections.map(\.through).min() ?? 0
        try await store.committed(through: newest)
        let store = self.store
        let snapshot = ServerSnapshot(sections: sections)
        let result: Result<Int, StoreError> = await withCheckedContinuation { continuation in
            // Encoding and `saveSnapshot` (which blocks while it writes `snapshots.db` on its own
            // connection, never on the journal's writer) run on a niced thread, off the
            // cooperative pool where RPC handlers run.
            LowPriorityWork.run("tb-snap-store") {
                let data = snapshot.encoded()
                do throws(StoreError) {
                    try store.saveSnapshot(data, format: ServerSnapshot.format, through: oldest)
                    continuation.resume(returning: .success(data.count))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        let bytes = try result.get()
        state.withLock { s in
            for section in sections { s.saved[section.name] = section.through }
            s.lastSequence = max(s.lastSequence, newest)
            s.lastTaken = DispatchTime.now().uptimeNanoseconds
        }
        // Phase times, to tell a slow capture (sequencer and encoding) from a slow write (the writer).
        let stored = DispatchTime.now().uptimeNanoseconds
        log.info("snapshot stored", ["through": "\(oldest)", "bytes": "\(bytes)", "sections": "\(sections.count)",
                                     "capture_ms": "\((captured &- started) / 1_000_000)",
                                     "store_ms": "\((stored &- captured) / 1_000_000)"])
        return oldest
    }
}

/// A minimal async mutual exclusion (FIFO), so snapshots never run concurrently.
final class AsyncGate: Sendable {
    private struct State {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if !s.busy {
                    s.busy = true
                    return true
                }
                s.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func leave() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty {
                s.busy = false
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}
