import Dispatch
import Persistence
import TradingEngine
import TradingModel

/// The body of the sequencer thread: take jobs in order, run each through the engine, deliver the
/// paper broker's due reports, journal every step's events, publish committed ones, tick timers.
///
/// Threading: lives and runs on the sequencer thread only.
struct SequencerLoop {
    let host: EngineHost
    let state: SequencerState
    private var jobs: [EngineHost.Job] = []
    private var reports: [BrokerReport] = []
    /// Journaled batches waiting for their commit before they are published, oldest first.
    private var pending: [[JournaledEngineEvent]] = []
    private var pendingHead = 0
    private var nextTimer: Int64 = 0
    /// Newest sequence appended since the last commit callback was registered (0: none).
    private var appendedThrough: Int64 = 0
    /// Publishes committed events to the stream subscribers off this thread.
    private let publisher: HubPublisher

    init(host: EngineHost, state: SequencerState) {
        self.host = host
        self.state = state
        publisher = HubPublisher(hub: host.hub)
        jobs.reserveCapacity(64)
        reports.reserveCapacity(16)
    }

    mutating func run() {
        host.settings.sequencerPriority.apply(log: host.log)
        let interval = host.settings.timerMilliseconds * 1_000_000
        nextTimer = host.now() + interval
        publisher.start()
        defer { publisher.close() }
        while true {
            let keepGoing = host.takeJobs(into: &jobs)
            for job in jobs { handle(job) }
            jobs.removeAll(keepingCapacity: true)
            let t = host.now()
            setClock(t)
            deliverReports(upTo: t)
            if t >= nextTimer {
                _ = process(.timer)
                nextTimer = t + interval
            }
            if appendedThrough > 0 || !host.commitWaiters.isEmpty {
                host.registerCommitWaiters(through: appendedThrough)
                appendedThrough = 0
            }
            publishCommitted()
            if !keepGoing {
                _ = try? host.store.flush()
                publishCommitted()
                return
            }
            var wait = nextTimer - host.now()
            if let due = state.broker.nextReportTime() { wait = min(wait, due.nanoseconds - host.now()) }
            if pendingHead < pending.count { wait = min(wait, 2_000_000) }
            host.waitForWork(nanoseconds: wait)
        }
    }

    private mutating func handle(_ job: EngineHost.Job) {
        switch job {
        case .query(let body):
            body(state)
        case .input(let input, let postedAt, let reply, let onlyIf):
            if let onlyIf, !onlyIf(SequencerStateView(state: state)) {
                reply?(.failure(.preconditionFailed))
                return
            }
            let t = host.now()
            setClock(t)
            deliverReports(upTo: t)
            var input = input
            if case .bar(let bar) = input {
                let time = max(t, state.lastBarTime + 1)
                state.lastBarTime = time
                let stamped = Bar(symbol: bar.symbol, timestamp: Timestamp(nanoseconds: time), open: bar.open,
                                  high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
                setClock(time)
                state.broker.marketData(stamped)
                deliverReports(upTo: time)
                state.lastBar[bar.symbol] = stamped
                host.metrics.bars.add(1, ordering: .relaxed)
                host.metrics.lastBarNanoseconds.store(time, ordering: .relaxed)
                input = .bar(stamped)
            }
            let outcome = process(input, postedAt: postedAt)
            if case .bar(let bar) = input { host.quotes.publish(bar) }
            reply?(outcome)
        }
    }

    private func setClock(_ t: Int64) { state.clock.set(Timestamp(nanoseconds: t)) }

    /// Feeds the paper broker's reports due by `time` to the engine, each at its own time.
    private mutating func deliverReports(upTo time: Int64) {
        while let due = state.broker.nextReportTime(), due.nanoseconds <= time {
            state.clock.set(due)
            reports.removeAll(keepingCapacity: true)
            state.broker.pollReports(upTo: due, into: &reports)
            let batch = reports
            for report in batch {
                guard let adapted = state.adapt(report) else { continue }
                _ = process(.broker(adapted))
            }
        }
    }

    /// One engine step: handle, journal, perform broker requests, record SLA samples.
    private mutating func process(_ input: EngineInput, postedAt: UInt64? = nil) -> Result<EngineHost.Outcome, EngineHost.HostError> {
        let started = DispatchTime.now().uptimeNanoseconds
        let step = state.engine.handle(input)
        var journaled: [JournaledEngineEvent] = []
        var failure: EngineHost.HostError?
        if !step.events.isEmpty {
            let time = step.events[0].timestamp.nanoseconds
            do {
                let range = try host.store.append(step.events.map { ServerEvent.engine($0.event) }, timeNanoseconds: time)
                journaled.reserveCapacity(step.events.count)
                for (offset, e) in step.events.enumerated() {
                    let seq = range.lowerBound + Int64(offset)
                    journaled.append(JournaledEngineEvent(sequence: seq, timeNanoseconds: e.timestamp.nanoseconds, event: e.event))
                    if let o = e.event.order { state.engine.setJournalSequence(seq, of: o.id) }
                    if case .riskLimitsChanged = e.event { state.limitsVersion += 1 }
                }
                state.lastSequence = range.upperBound
                appendedThrough = range.upperBound
                pending.append(journaled)
            } catch {
                failure = .store("\(error)")
                host.log.error("journal append failed; the engine's events are not durable", ["reason": "\(error)"])
            }
        }
        var sentOrder = false
        for request in step.requests {
            switch request {
            case .submit(let order):
                state.broker.submit(order, at: state.clock.now)
                sentOrder = true
            case .cancel(let order):
                state.broker.cancel(order, at: state.clock.now)
            case .queryStatus(let id):
                state.broker.queryStatus(id, at: state.clock.now)
            }
        }
        let finished = DispatchTime.now().uptimeNanoseconds
        record(step.events, stepNanoseconds: finished &- started)
        if sentOrder, case .bar = input, let postedAt {
            host.metrics.tradeLoop.record(Double(finished &- postedAt) / 1e6)
        }
        if let failure { return .failure(failure) }
        return .success(EngineHost.Outcome(result: step.result, lastSequence: journaled.last?.sequence, events: journaled))
    }

    private func record(_ events: [SequencedEvent], stepNanoseconds: UInt64) {
        let m = host.metrics
        var sawSignal = false
        for e in events {
            switch e.event {
            case .signalReceived: sawSignal = true
            case .orderSubmitted:
                m.submitted.add(1, ordering: .relaxed)
                if sawSignal { m.signalToOrder.record(Double(stepNanoseconds) / 1e6) }
            case .orderDenied, .orderRejected:
                m.rejected.add(1, ordering: .relaxed)
            case .orderFilled(let f):
                m.fills.add(1, ordering: .relaxed)
                m.orderToFill.record(Double(f.fill.timestamp.nanoseconds - f.order.createdAt.nanoseconds) / 1e6)
                m.positionUpdate.record(Double(stepNanoseconds) / 1e6)
            case .fillTimeout:
                m.fillTimeouts.add(1, ordering: .relaxed)
            default: break
            }
        }
    }

    /// Publishes, in order and as one batch (one wake-up per subscriber), every journaled step
    /// the store has committed (through `publisher`, on its thread).
    private mutating func publishCommitted() {
        guard pendingHead < pending.count else { return }
        let committed = host.store.committedSequence
        var ready: [JournaledEngineEvent] = []
        while pendingHead < pending.count, let last = pending[pendingHead].last, last.sequence <= committed {
            if ready.isEmpty { ready = pending[pendingHead] } else { ready.append(contentsOf: pending[pendingHead]) }
            pendingHead += 1
        }
        if !ready.isEmpty { publisher.enqueue(ready) }
        if pendingHead == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingHead = 0
        } else if pendingHead > 1024 {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
    }
}
