import CShims
import Dispatch
import Foundation

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
    case rebuildProjections(CommitCallback)
    case barrier(CommitCallback)
}

/// What `register` decided under the lock.
enum RegistrationOutcome {
    case ok, failed(StoreError), later
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
        var commits = 0
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
        let thread = Thread { [self] in
            _ = tb_name_thread("tb-journal")  // cosmetic: a refusal changes nothing
            self.run(resources)
        }
        thread.start()
    }

    var committedSequence: Int64 { state.withLock { $0.committedSequence } }
    var commits: Int { state.withLock { $0.commits } }
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
            case .rebuildProjections(let cb), .barrier(let cb): cb(.failure(outcome))
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
            case .rebuildProjections(let cb), .barrier(let cb): cb(.failure(failure))
            }
            return
        }
        switch command {
        case .barrier(let callback):
            callback(.success(committed))
        case .rebuildProjections(let callback):
            do { try resources.rebuild(); callback(.success(committed)) } catch { callback(.failure(error)) }
        }
    }

    private func resolve(through sequence: Int64) {
        let ready: [Waiter] = state.withLock { s in
            s.committedSequence = sequence
            s.commits += 1
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
            case .rebuildProjections(let cb), .barrier(let cb): cb(.failure(error))
            }
        }
    }
}
