import RPCCore

/// Fans committed engine events out to stream subscribers, each through its own bounded buffer.
///
/// Events are published by the sequencer once durable (in journal order), so a subscriber never
/// sees an event that a crash could take back. Publishing never blocks: a subscriber whose buffer
/// is full is closed with `overflowed` set, and its RPC ends with RESOURCE_EXHAUSTED. Slow readers
/// therefore cannot slow the engine, the writer or other subscribers.
///
/// Cost per published batch and subscriber: one lock and one retained reference to the batch
/// (every subscriber shares the same array, nothing is copied per subscriber). A subscriber whose
/// task waits in `nextBatch(direct:)` has the batch handed to its stream right there, on the
/// publishing thread, with no task wake-up at all; otherwise its task is woken at most once,
/// however many events the batch holds. With 1,000 subscribers the task wake-ups were most of
/// what competed with the sequencer for the cores.
///
/// Threading: every method may be called from any thread. The subscriber list lives behind one
/// pthread lock, each feed behind its own (`Locked`, which ThreadSanitizer understands).
public final class EventHub: Sendable {
    /// Which events a subscriber wants. Filtering happens once per batch in `publish`, so a
    /// subscriber is neither handed nor woken for events it would only discard (a fills stream
    /// skips the ~3 of 4 engine events per fill that are not fills), and its buffer counts only
    /// events it will send.
    public enum Interest: Sendable, Equatable {
        case all
        /// `orderFilled` events only.
        case orderFills

        func wants(_ event: JournaledEngineEvent) -> Bool {
            switch self {
            case .all: return true
            case .orderFills:
                if case .orderFilled = event.event { return true }
                return false
            }
        }
    }

    /// One subscriber's live feed.
    public final class Subscription: Sendable {
        public let id: Int
        /// The last sequence published before this subscription was registered: everything after
        /// it arrives through `events`, everything up to it must be read from the journal.
        public let liveAfter: Int64
        /// The events this subscriber receives (the others are never offered).
        public let interest: Interest
        /// The live events, in order; ends after `finish` or an overflow (buffered events first).
        public let events: Feed

        init(id: Int, liveAfter: Int64, interest: Interest, capacity: Int) {
            self.id = id
            self.liveAfter = liveAfter
            self.interest = interest
            events = Feed(capacity: capacity)
        }

        /// True once the buffer filled and the feed was ended.
        public var overflowed: Bool { events.overflowed }
    }

    /// A single-consumer buffer of shared batches. `AsyncSequence` of events; iterating never
    /// suspends while events are buffered.
    public final class Feed: AsyncSequence, Sendable {
        public typealias Element = JournaledEngineEvent
        public typealias Failure = Never

        private struct State {
            var batches: [[JournaledEngineEvent]] = []
            var batch = 0
            var offset = 0
            var buffered = 0
            var finished = false
            var overflowed = false
            var consumer: CheckedContinuation<Void, Never>?
            /// Set while the consumer waits in `nextBatch(direct:)` with nothing buffered: `offer`
            /// hands batches to it on the publishing thread instead of waking the consumer.
            var direct: DirectDelivery?
        }

        /// Takes a batch on the publishing thread (under the feed's lock, so never concurrently
        /// with the consumer); false when it cannot right now, and then nothing of it was taken.
        public typealias DirectDelivery = @Sendable ([JournaledEngineEvent]) -> Bool

        private let state = Locked(State())
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        var overflowed: Bool { state.withLock { $0.overflowed } }

        var isFinished: Bool { state.withLock { $0.finished } }

        /// Appends a batch (shared, not copied). False when the feed is over: finished earlier, or
        /// ended now because the batch does not fit.
        func offer(_ events: [JournaledEngineEvent]) -> Bool {
            let (accepted, waiter): (Bool, CheckedContinuation<Void, Never>?) = state.withLock { s in
                guard !s.finished else { return (false, nil) }
                // The consumer is parked with nothing buffered, so it has handed everything
                // earlier on: the batch can go straight out, in order, without waking it.
                if s.buffered == 0, s.consumer != nil, let direct = s.direct, direct(events) { return (true, nil) }
                if s.buffered + events.count > capacity {
                    // Keep what fits (the oldest), then end the feed: the subscriber resumes
                    // from its last sequence.
                    let room = capacity - s.buffered
                    if room > 0 {
                        s.batches.append(Array(events.prefix(room)))
                        s.buffered += room
                    }
                    s.overflowed = true
                    s.finished = true
                    defer { s.consumer = nil }
                    return (false, s.consumer)
                }
                s.batches.append(events)
                s.buffered += events.count
                defer { s.consumer = nil }
                return (true, s.consumer)
            }
            waiter?.resume()
            return accepted
        }

        /// Ends the feed once the buffered events are read.
        func finish() {
            let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
                s.finished = true
                defer { s.consumer = nil }
                return s.consumer
            }
            waiter?.resume()
        }

        /// The next event, or nil once finished and drained. Cancelling the waiting task ends
        /// the feed (as with `AsyncStream`).
        func next() async -> JournaledEngineEvent? {
            while true {
                if let event = take() { return event }
                let wait = state.withLock { s in s.buffered == 0 && !s.finished }
                guard wait else {
                    if let event = take() { return event }
                    return nil
                }
                await waitForEvents()
            }
        }

        /// Everything buffered, oldest first, waiting while nothing is; nil once finished and
        /// drained. One lock and at most one suspension for all of it: a subscriber that handles
        /// a published batch as a whole pays the feed's cost once per batch, not once per event.
        /// Cancelling the waiting task ends the feed.
        ///
        /// With `direct`, batches published while this waits with nothing buffered go to `direct`
        /// on the publishing thread and do not wake the task; only a batch `direct` declines (or
        /// the end of the feed) does, and it is then returned here, after everything `direct` took.
        func nextBatch(direct: DirectDelivery? = nil) async -> [ArraySlice<JournaledEngineEvent>]? {
            while true {
                enum Step { case events([ArraySlice<JournaledEngineEvent>]), done, wait }
                let step: Step = state.withLock { s in
                    if s.buffered > 0 {
                        var out: [ArraySlice<JournaledEngineEvent>] = []
                        out.reserveCapacity(s.batches.count - s.batch)
                        out.append(s.batches[s.batch][s.offset...])
                        if s.batch + 1 < s.batches.count { out.append(contentsOf: s.batches[(s.batch + 1)...].lazy.map { $0[...] }) }
                        s.batches.removeAll(keepingCapacity: true)
                        s.batch = 0
                        s.offset = 0
                        s.buffered = 0
                        return .events(out)
                    }
                    return s.finished ? .done : .wait
                }
                switch step {
                case .events(let out): return out
                case .done: return nil
                case .wait: break
                }
                await waitForEvents(direct: direct)
            }
        }

        /// Suspends until an event is buffered or the feed finished; cancelling the waiting task
        /// finishes the feed.
        private func waitForEvents(direct: DirectDelivery? = nil) async {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { s -> Bool in
                        if s.buffered > 0 || s.finished { return true }
                        s.consumer = c
                        s.direct = direct
                        return false
                    }
                    if resumeNow { c.resume() }
                }
            } onCancel: {
                finish()
            }
        }

        /// Pops the oldest buffered event (the value is moved out once, not wrapped again).
        private func take() -> JournaledEngineEvent? {
            state.withLock { s -> JournaledEngineEvent? in
                guard s.buffered > 0 else { return nil }
                let event = s.batches[s.batch][s.offset]
                s.buffered -= 1
                s.offset += 1
                if s.offset == s.batches[s.batch].count {
                    s.batches[s.batch] = []
                    s.batch += 1
                    s.offset = 0
                    if s.batch == s.batches.count {
                        s.batches.removeAll(keepingCapacity: true)
                        s.batch = 0
                    } else if s.batch >= 64 {
                        s.batches.removeFirst(s.batch)
                        s.batch = 0
                    }
                }
                return event
            }
        }

        public struct AsyncIterator: AsyncIteratorProtocol {
            let feed: Feed
            public mutating func next() async -> JournaledEngineEvent? { await feed.next() }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(feed: self) }
    }

    private struct State {
        var nextID = 0
        var lastPublished: Int64
        /// In subscription order; an array because `publish` walks all of them for every batch.
        var subscribers: [Subscription] = []
    }

    private let state: Locked<State>
    /// Buffered events per subscriber before it is cut off.
    public let capacity: Int

    public init(lastPublished: Int64, capacity: Int) {
        state = Locked(State(lastPublished: lastPublished))
        self.capacity = max(1, capacity)
    }

    /// The newest published sequence.
    public var lastPublished: Int64 { state.withLock { $0.lastPublished } }

    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Registers a subscriber; it receives every event published after `liveAfter` that matches
    /// `interest`.
    public func subscribe(interest: Interest = .all) -> Subscription {
        state.withLock { s in
            let sub = Subscription(id: s.nextID, liveAfter: s.lastPublished, interest: interest, capacity: capacity)
            s.nextID += 1
            s.subscribers.append(sub)
            return sub
        }
    }

    public func unsubscribe(_ subscription: Subscription) {
        state.withLock { s in
            if let i = s.subscribers.firstIndex(where: { $0 === subscription }) { s.subscribers.remove(at: i) }
        }
        subscription.events.finish()
    }

    /// Delivers a committed batch, in order, to every subscriber at once. Events at or below the
    /// last published sequence are skipped (never delivered twice). Subscribers that overflow are
    /// dropped.
    public func publish(_ batch: [JournaledEngineEvent]) {
        state.withLock { s in
            var fresh = batch
            if let first = batch.first, first.sequence <= s.lastPublished {
                fresh = batch.filter { $0.sequence > s.lastPublished }
            }
            guard let last = fresh.last else { return }
            s.lastPublished = last.sequence
            // Filtered once per batch and interest, shared by every subscriber with that interest.
            var fills: [JournaledEngineEvent]?
            var dead = false
            for sub in s.subscribers {
                let events: [JournaledEngineEvent]
                switch sub.interest {
                case .all:
                    events = fresh
                case .orderFills:
                    if fills == nil { fills = fresh.filter { Interest.orderFills.wants($0) } }
                    events = fills ?? []
                }
                if events.isEmpty { continue }
                if !sub.events.offer(events) { dead = true }
            }
            if dead { s.subscribers.removeAll { $0.events.isFinished } }
        }
    }

    /// Ends every subscription (server shutdown).
    public func finishAll() {
        let subs = state.withLock { s in
            let all = s.subscribers
            s.subscribers.removeAll()
            return all
        }
        for sub in subs { sub.events.finish() }
    }
}
