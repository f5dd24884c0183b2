import Synchronization

/// Fans committed engine events out to stream subscribers, each through its own bounded buffer.
///
/// Events are published by the store's writer thread once durable (in journal order, because the
/// store resolves commit callbacks in sequence order), so a subscriber never sees an event that a
/// crash could take back. Publishing never blocks: a subscriber whose buffer is full is closed
/// with `overflowed` set, and its RPC ends with RESOURCE_EXHAUSTED. Slow readers therefore cannot
/// slow the engine, the writer or other subscribers.
///
/// Threading: every method may be called from any thread; state lives behind one `Mutex`.
public final class EventHub: Sendable {
    /// One subscriber's live feed.
    public final class Subscription: Sendable {
        public let id: Int
        /// The last sequence published before this subscription was registered: everything after
        /// it arrives through `events`, everything up to it must be read from the journal.
        public let liveAfter: Int64
        public let events: AsyncStream<JournaledEngineEvent>
        let continuation: AsyncStream<JournaledEngineEvent>.Continuation
        private let overflow = Atomic<Bool>(false)

        init(id: Int, liveAfter: Int64, capacity: Int) {
            self.id = id
            self.liveAfter = liveAfter
            (events, continuation) = AsyncStream.makeStream(of: JournaledEngineEvent.self,
                                                           bufferingPolicy: .bufferingOldest(capacity))
        }

        /// True once the buffer filled and the feed was ended.
        public var overflowed: Bool { overflow.load(ordering: .acquiring) }

        func offer(_ event: JournaledEngineEvent) -> Bool {
            switch continuation.yield(event) {
            case .enqueued: return true
            case .dropped:
                overflow.store(true, ordering: .releasing)
                continuation.finish()
                return false
            case .terminated: return false
            @unknown default: return false
            }
        }
    }

    private struct State {
        var nextID = 0
        var lastPublished: Int64
        var subscribers: [Int: Subscription] = [:]
    }

    private let state: Mutex<State>
    /// Buffered events per subscriber before it is cut off.
    public let capacity: Int

    public init(lastPublished: Int64, capacity: Int) {
        state = Mutex(State(lastPublished: lastPublished))
        self.capacity = max(1, capacity)
    }

    /// The newest published sequence.
    public var lastPublished: Int64 { state.withLock { $0.lastPublished } }

    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Registers a subscriber; it receives every event published after `liveAfter`.
    public func subscribe() -> Subscription {
        state.withLock { s in
            let sub = Subscription(id: s.nextID, liveAfter: s.lastPublished, capacity: capacity)
            s.nextID += 1
            s.subscribers[sub.id] = sub
            return sub
        }
    }

    public func unsubscribe(_ subscription: Subscription) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: subscription.id) }
        subscription.continuation.finish()
    }

    /// Delivers a committed batch, in order. Subscribers that overflow are dropped.
    public func publish(_ batch: [JournaledEngineEvent]) {
        state.withLock { s in
            for event in batch where event.sequence > s.lastPublished {
                s.lastPublished = event.sequence
                var dead: [Int] = []
                for (id, sub) in s.subscribers where !sub.offer(event) { dead.append(id) }
                for id in dead { s.subscribers[id] = nil }
            }
        }
    }

    /// Ends every subscription (server shutdown).
    public func finishAll() {
        let subs = state.withLock { s in
            let all = Array(s.subscribers.values)
            s.subscribers.removeAll()
            return all
        }
        for sub in subs { sub.continuation.finish() }
    }
}
