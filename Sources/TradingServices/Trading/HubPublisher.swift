import CShims
import Dispatch
import Foundation
import RPCCore

/// Hands committed batches to the `EventHub` from a thread of its own, in the order they were
/// queued, so the sequencer never spends its time waking subscriber tasks. With 1,000
/// subscribers, publishing was most of the sequencer's time under fan-out load and showed up
/// directly as trade-loop latency (bars waiting in the inbox behind a publish).
///
/// This thread also does the per-subscriber work of a publish: streams whose task is parked
/// get their messages queued on the transport here (`EventHub.Feed.nextBatch(direct:)`), so one
/// thread at a low priority does the fan-out instead of 1,000 tasks on the shared pool.
///
/// Batches queued while the thread is busy are merged into one publish. Publishes are at least
/// `minimumInterval` apart, and at least `perSubscriberInterval` × subscribers apart (10 ms at
/// 1,000 subscribers): one publish costs work per subscriber here, wakes each connection's loop
/// and, across the network, every subscriber's reader, several microseconds each, so with 1,000
/// subscribers publishing every 2 ms alone would take more than the machine's two cores. Under
/// load, more fills then share one publish; the price is up to that interval of extra delivery
/// latency. An idle server still publishes at once.
///
/// Threading: `enqueue` from the sequencer (any thread is fine); `start`/`close` from the
/// sequencer loop. The thread sleeps on a semaphore when idle and is signalled only then.
final class HubPublisher: Sendable {
    private struct State {
        var batches: [[JournaledEngineEvent]] = []
        var sleeping = false
        var closing = false
        var running = false
    }

    private let hub: EventHub
    private let state = Locked(State())
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let minimumInterval: UInt64

    private let perSubscriberInterval: UInt64

    init(hub: EventHub, minimumInterval: Duration = .milliseconds(2), perSubscriberInterval: Duration = .microseconds(10)) {
        self.hub = hub
        self.minimumInterval = Self.nanoseconds(minimumInterval)
        self.perSubscriberInterval = Self.nanoseconds(perSubscriberInterval)
    }

    private static func nanoseconds(_ d: Duration) -> UInt64 {
        let (seconds, attoseconds) = d.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }

    /// The pause between two publishes with `subscribers` subscribed.
    func interval(subscribers: Int) -> UInt64 {
        max(minimumInterval, UInt64(max(0, subscribers)) &* perSubscriberInterval)
    }

    /// Starts the publishing thread (once).
    func start() {
        let go = state.withLock { s -> Bool in
            guard !s.running, !s.closing else { return false }
            s.running = true
            return true
        }
        guard go else { return }
        let thread = Thread { [self] in
            _ = tb_name_thread("tb-publisher")  // cosmetic: a refusal changes nothing
            run()
        }
        thread.start()
    }

    /// Queues a committed batch (in journal order relative to earlier ones). Before `start` or
    /// after `close` the batch is published on the caller's thread.
    func enqueue(_ batch: [JournaledEngineEvent]) {
        let (queued, signal) = state.withLock { s -> (Bool, Bool) in
            guard s.running, !s.closing else { return (false, false) }
            s.batches.append(batch)
            let signal = s.sleeping
            s.sleeping = false
            return (true, signal)
        }
        if signal { wake.signal() }
        if !queued { hub.publish(batch) }
    }

    /// Publishes what is queued, then stops the thread and waits for it.
    func close() {
        let wait = state.withLock { s -> Bool in
            let wasRunning = s.running && !s.closing
            s.closing = true
            return wasRunning
        }
        guard wait else { return }
        wake.signal()
        exited.wait()
    }

    /// Nice value of the publishing thread: fan-out is bulk work that may wait a moment, the
    /// sequencer's trade loop may not. Raising a thread's own nice value needs no privilege.
    static let niceIncrement: Int32 = 5

    private func run() {
        // Linux (NPTL): the nice value is per thread and `who = 0` names the calling thread. On
        // failure the thread keeps the normal priority, which costs only trade-loop latency
        // under fan-out load.
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        if errno == 0 { _ = setpriority(which, 0, current + Self.niceIncrement) }
        var lastPublish: UInt64 = 0
        var pauseAfterLast = minimumInterval
        while true {
            let sinceLast = DispatchTime.now().uptimeNanoseconds &- lastPublish
            if lastPublish != 0 && sinceLast < pauseAfterLast {
                let ns = pauseAfterLast - sinceLast
                var pause = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
                _ = nanosleep(&pause, nil)
            }
            let (work, stop) = state.withLock { s -> ([[JournaledEngineEvent]], Bool) in
                if s.batches.isEmpty {
                    if s.closing { return ([], true) }
                    s.sleeping = true
                    return ([], false)
                }
                let taken = s.batches
                s.batches.removeAll(keepingCapacity: true)
                return (taken, false)
            }
            if stop { break }
            if work.isEmpty {
                wake.wait()
                continue
            }
            lastPublish = DispatchTime.now().uptimeNanoseconds
            pauseAfterLast = interval(subscribers: hub.subscriberCount)
            if work.count == 1 {
                hub.publish(work[0])
            } else {
                var merged: [JournaledEngineEvent] = []
                merged.reserveCapacity(work.reduce(0) { $0 + $1.count })
                for batch in work { merged.append(contentsOf: batch) }
                hub.publish(merged)
            }
        }
        exited.signal()
    }
}
