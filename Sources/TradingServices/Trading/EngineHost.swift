import CShims
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import NetIO
import Observability
import Persistence
import RPCCore
import Synchronization
import TradingEngine
import TradingModel

/// Hosts the trading engine on one dedicated sequencer thread: every command, bar, broker report,
/// timer and query goes through one ordered inbox, so the engine needs no locks and the journal
/// gets one total order.
///
/// Each engine step's events are appended to the store at once (the sequence comes back
/// immediately); they are published to stream subscribers, in order, once committed. Callers that
/// must not answer before durability (SubmitOrder) use `execute`: their continuation is resumed by
/// the store's writer thread straight from the commit (registered once per drained batch of the
/// inbox, see `CommitWaiters`), so an order costs one suspension and no extra thread hop.
///
/// Threading: `post`, `submit` and `query` may be called from any thread; the engine itself is
/// only touched by the sequencer thread. State is rebuilt before the thread starts, from the
/// events handed to `recover`.
public final class EngineHost: Sendable {
    /// What one command did: the engine's answer and the journal sequence of its last event.
    public struct Outcome: Sendable {
        public var result: CommandResult?
        public var lastSequence: Int64?
        public var events: [JournaledEngineEvent]
    }

    enum Job: Sendable {
        case input(EngineInput, postedAt: UInt64, reply: (@Sendable (Result<Outcome, HostError>) -> Void)?,
                   onlyIf: (@Sendable (SequencerStateView) -> Bool)? = nil)
        case query(@Sendable (SequencerState?) -> Void)
    }

    /// Why the host could not do something.
    public enum HostError: Error, Sendable, Equatable {
        case stopped
        case store(String)
        /// The command's precondition did not hold on the sequencer (nothing was done).
        case preconditionFailed
    }

    private struct Inbox {
        var jobs: [Job] = []
        var stopping = false
        var running = false
        /// The sequencer is parked (or about to park) on `wake`: the next poster must signal it.
        var sleeping = false
        /// A commit happened since the sequencer last looked (it has events to publish).
        var poked = false
    }

    public let settings: TradingSettings
    public let hub: EventHub
    /// Live bars for SubscribeQuotes (market data is not journaled).
    public let quotes: MarketDataHub
    public let metrics: TradingMetrics
    /// On/off switch of the hosted SMA strategy (`sma`).
    public let smaSwitch = StrategySwitch()
    let store: EventStore<ServerEventCodec>
    let log: Logger
    let now: @Sendable () -> Int64
    /// A pthread lock (`Locked`), not `Mutex`: ThreadSanitizer sees through it, so the sanitizer
    /// runs check the sequencer hand-off for real.
    private let inbox = Locked(Inbox())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let recovered = Mutex<[JournaledEngineEvent]>([])
    /// The startup snapshot section restored before `recover` (see `EngineHost+Snapshot.swift`).
    let restoredSnapshot = Mutex<RestoredEngineHost?>(nil)
    /// Wall-clock nanoseconds when the engine thread started (0 before).
    let startedAt = Atomic<Int64>(0)
    /// `execute` callers of the batch the sequencer is working on (sequencer thread only).
    let commitWaiters = CommitWaiters()

    public init(settings: TradingSettings, store: EventStore<ServerEventCodec>, log: Logger,
                now: @escaping @Sendable () -> Int64) {
        self.settings = settings
        self.store = store
        self.log = log
        self.now = now
        self.metrics = TradingMetrics()
        self.hub = EventHub(lastPublished: store.lastAssignedSequence, capacity: settings.subscriberBuffer)
        self.quotes = MarketDataHub(retained: 4096, capacity: settings.subscriberBuffer)
    }

    /// Startup replay: one journaled engine event (called in sequence order, before `start`).
    /// Events the restored snapshot already covers are ignored.
    func recover(_ event: JournaledEngineEvent) {
        let covered = restoredSnapshot.withLock { $0?.through ?? 0 }
        guard event.sequence > covered else { return }
        recovered.withLock { $0.append(event) }
    }

    /// Builds the engine from the recovered events and starts the sequencer thread.
    func start() {
        let go = inbox.withLock { i -> Bool in
            guard !i.running, !i.stopping else { return false }
            i.running = true
            return true
        }
        guard go else { return }
        let events = recovered.withLock { r in
            let all = r
            r.removeAll()
            return all
        }
        let thread = Thread { [self] in
            _ = tb_name_thread("tb-sequencer")  // cosmetic: a refusal changes nothing
            run(recovered: events)
            finished.signal()
        }
        thread.start()
    }

    /// Stops the sequencer after the jobs already queued; waits for the thread to end.
    func stop() {
        let wasRunning = inbox.withLock { i -> Bool in
            i.stopping = true
            return i.running
        }
        wake.signal()
        if wasRunning { finished.wait() }
    }

    // MARK: posting

    /// Queues an input with no answer (market data, timers). False when stopped.
    @discardableResult
    public func post(_ input: EngineInput) -> Bool {
        enqueue(.input(input, postedAt: DispatchTime.now().uptimeNanoseconds, reply: nil))
    }

    /// Runs an input through the engine and returns what it did (not yet durable). With `onlyIf`,
    /// the check runs on the sequencer right before the input, atomically with it.
    public func submit(_ input: EngineInput,
                       onlyIf: (@Sendable (SequencerStateView) -> Bool)? = nil) async throws(HostError) -> Outcome {
        let result: Result<Outcome, HostError> = await withCheckedContinuation { continuation in
            let accepted = enqueue(.input(input, postedAt: DispatchTime.now().uptimeNanoseconds, reply: { outcome in
                continuation.resume(returning: outcome)
            }, onlyIf: onlyIf))
            if !accepted { continuation.resume(returning: .failure(.stopped)) }
        }
        return try result.get()
    }

    /// Runs a command and waits until its events are durable. A command that produced no events
    /// (a retried client order id) waits for everything journaled before it, so the answer never
    /// reports an order whose acceptance could still be lost.
    ///
    /// The reply runs on the sequencer, which queues the continuation in `commitWaiters`; the
    /// writer resumes it from the batch's commit callback.
    public func execute(_ command: EngineCommand,
                        onlyIf: (@Sendable (SequencerStateView) -> Bool)? = nil) async throws(HostError) -> Outcome {
        let result: Result<Outcome, HostError> = await withCheckedContinuation { continuation in
            let accepted = enqueue(.input(.command(command), postedAt: DispatchTime.now().uptimeNanoseconds, reply: { [self] outcome in
                guard case .success(let done) = outcome else {
                    continuation.resume(returning: outcome)
                    return
                }
                commitWaiters.add(through: done.lastSequence ?? store.lastAssignedSequence) { committed in
                    switch committed {
                    case .success: continuation.resume(returning: .success(done))
                    case .failure(let error): continuation.resume(returning: .failure(.store("\(error)")))
                    }
                }
            }, onlyIf: onlyIf))
            if !accepted { continuation.resume(returning: .failure(.stopped)) }
        }
        return try result.get()
    }

    /// Reads engine state on the sequencer thread and returns a copy.
    public func query<T: Sendable>(_ body: @escaping @Sendable (SequencerStateView) -> T) async throws(HostError) -> T {
        let result: T? = await withCheckedContinuation { continuation in
            let accepted = enqueue(.query { state in
                continuation.resume(returning: state.map { body(SequencerStateView(state: $0)) })
            })
            if !accepted { continuation.resume(returning: nil) }
        }
        guard let result else { throw .stopped }
        return result
    }

    /// Queues a job; signals the semaphore only when the sequencer is parked, so a busy
    /// sequencer costs posters no syscall. On an event-loop thread the signal waits for the end of
    /// the loop's turn: the sequencer then takes every order of that turn in one batch instead of
    /// waking for the first (with a short scheduler slice, preempting the loop) and again for each
    /// later one.
    private func enqueue(_ job: Job) -> Bool {
        let (ok, signal) = inbox.withLock { i -> (Bool, Bool) in
            guard !i.stopping else { return (false, false) }
            i.jobs.append(job)
            let signal = i.sleeping
            i.sleeping = false
            return (true, signal)
        }
        if signal, !EventLoop.deferToEndOfTurn({ [wake] in wake.signal() }) { wake.signal() }
        return ok
    }

    // MARK: the sequencer thread

    private func run(recovered: [JournaledEngineEvent]) {
        let clock = ReplayClock(start: Timestamp(nanoseconds: now()))
        let snapshot = restoredSnapshot.withLock { s in
            defer { s = nil }
            return s
        }
        // Engine-internal sequence numbers continue from the snapshot's.
        let base = snapshot?.engine.sequence ?? 0
        var maxID: UInt64 = (snapshot?.engine.nextOrderID ?? 1) - 1
        var sequenced: [SequencedEvent] = []
        sequenced.reserveCapacity(recovered.count)
        for (i, e) in recovered.enumerated() {
            if let o = e.event.order { maxID = max(maxID, o.id.value) }
            sequenced.append(SequencedEvent(sequence: base + UInt64(i + 1), timestamp: Timestamp(nanoseconds: e.timeNanoseconds),
                                            event: e.event))
        }
        var strategies: [any Strategy] = []
        if let sma = settings.sma, let symbol = settings.instruments.first?.symbol {
            do {
                strategies.append(SwitchableStrategy(try SMACrossover(id: "sma", symbol: symbol, fast: sma.fast, slow: sma.slow),
                                                     control: smaSwitch))
            } catch {
                log.error("SMA strategy not started: invalid configuration", ["reason": "\(error)"])
            }
        }
        let engine = TradingEngine(account: settings.account, instruments: settings.instruments, limits: settings.limits,
                                   initialCash: settings.initialCash, clock: clock,
                                   ids: SequentialOrderIDs(startingAt: maxID + 1), strategies: strategies)
        let state = SequencerState(engine: engine, clock: clock,
                                   broker: PaperBroker(instruments: settings.instruments, config: settings.broker),
                                   session: "S\(now() / 1_000_000)")
        if let snapshot {
            let unknown = engine.restore(from: snapshot.engine)
            if !unknown.isEmpty {
                log.warning("snapshot positions for instruments no longer configured were skipped",
                            ["symbols": unknown.map(\.value).joined(separator: ",")])
            }
            for (id, sequence) in snapshot.orderSequence { engine.setJournalSequence(sequence, of: id) }
            state.limitsVersion = snapshot.limitsVersion
            state.lastSequence = snapshot.through
        }
        engine.rebuild(from: sequenced)
        state.restoreBrokerBook()
        for e in recovered {
            if let o = e.event.order { engine.setJournalSequence(e.sequence, of: o.id) }
            if case .riskLimitsChanged = e.event { state.limitsVersion += 1 }
            state.lastSequence = e.sequence
        }
        reconcileAtStart(state)
        startedAt.store(now(), ordering: .relaxed)
        log.info("trading engine started", ["orders": "\(engine.allOrders.count)", "open": "\(engine.openOrders.count)",
                                            "snapshot_through": snapshot.map { "\($0.through)" } ?? "none",
                                            "events": "\(recovered.count)"])
        var loop = SequencerLoop(host: self, state: state)
        loop.run()
        // Answer whatever is still queued so no caller waits forever.
        let left = inbox.withLock { i in
            let jobs = i.jobs
            i.jobs.removeAll()
            i.running = false
            return jobs
        }
        for job in left {
            switch job {
            case .input(_, _, let reply, _): reply?(.failure(.stopped))
            case .query(let body): body(nil)
            }
        }
        hub.finishAll()
        quotes.finishAll()
    }

    /// Takes every queued job, or nil when stopping.
    func takeJobs(into jobs: inout [Job]) -> Bool {
        inbox.withLock { i in
            swap(&jobs, &i.jobs)
            return !i.stopping
        }
    }

    /// Waits until a job arrives, a commit is signalled, or `nanoseconds` pass. Returns at once
    /// when one of those already happened since the sequencer last took its jobs.
    func waitForWork(nanoseconds: Int64) {
        guard nanoseconds > 0 else { return }
        let park = inbox.withLock { i -> Bool in
            if !i.jobs.isEmpty || i.poked || i.stopping {
                i.poked = false
                return false
            }
            i.sleeping = true
            return true
        }
        guard park else { return }
        _ = wake.wait(timeout: .now() + .nanoseconds(Int(min(nanoseconds, 1_000_000_000))))
        inbox.withLock { i in
            i.sleeping = false
            i.poked = false
        }
    }

    /// Wakes the sequencer (a commit happened: committed events can be published).
    func signal() {
        let signal = inbox.withLock { i -> Bool in
            i.poked = true
            let signal = i.sleeping
            i.sleeping = false
            return signal
        }
        if signal { wake.signal() }
    }

    /// Hands the batch's durability waiters to the store, each for its own sequence (the writer
    /// answers every caller of a commit in one pass), and asks to be woken when everything
    /// appended so far (`appended`) is committed, to publish it. Sequencer thread only.
    func registerCommitWaiters(through appended: Int64) {
        for waiter in commitWaiters.take() {
            store.onCommit(of: waiter.sequence, waiter.callback)
        }
        if appended > 0 {
            store.onCommit(of: appended) { [self] _ in signal() }
        }
    }
}
