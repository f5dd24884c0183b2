import Synchronization
import TradingModel

/// Live bars for `SubscribeQuotes`: each bar the engine processed gets a market-data sequence
/// (1, 2, 3 … per process; market data is not journaled) and is kept in a ring of the most recent
/// `retained`, so a subscriber can resume with `from_sequence` while it is still retained.
///
/// Same rules as `EventHub`: publishing never blocks; a subscriber whose bounded buffer fills is
/// ended (RESOURCE_EXHAUSTED) and can resume.
///
/// Threading: safe from any thread; the sequencer publishes.
public final class MarketDataHub: Sendable {
    public struct Item: Sendable, Hashable {
        public let sequence: UInt64
        public let bar: Bar
    }

    /// A subscriber: the retained bars it asked for, then live ones.
    public final class Subscription: Sendable {
        let id: Int
        public let backlog: [Item]
        public let events: AsyncStream<Item>
        let continuation: AsyncStream<Item>.Continuation
        private let overflow = Atomic<Bool>(false)

        init(id: Int, backlog: [Item], capacity: Int) {
            self.id = id
            self.backlog = backlog
            (events, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingOldest(capacity))
        }

        public var overflowed: Bool { overflow.load(ordering: .acquiring) }

        func offer(_ item: Item) -> Bool {
            switch continuation.yield(item) {
            case .enqueued: return true
            case .dropped:
                overflow.store(true, ordering: .releasing)
                continuation.finish()
                return false
            default: return false
            }
        }
    }

    /// Why a subscription could not start.
    public enum SubscribeError: Error, Equatable {
        /// `from_sequence` is older than the oldest retained bar.
        case tooOld(oldest: UInt64)
    }

    private struct State {
        var sequence: UInt64 = 0
        var ring: [Item] = []
        var head = 0
        var nextID = 0
        var subscribers: [Int: Subscription] = [:]
    }

    private let state = Mutex(State())
    public let retained: Int
    public let capacity: Int

    public init(retained: Int = 4096, capacity: Int = 4096) {
        self.retained = max(1, retained)
        self.capacity = max(1, capacity)
    }

    public var lastSequence: UInt64 { state.withLock { $0.sequence } }

    func publish(_ bar: Bar) {
        state.withLock { s in
            s.sequence += 1
            let item = Item(sequence: s.sequence, bar: bar)
            if s.ring.count < retained { s.ring.append(item) } else {
                s.ring[s.head] = item
                s.head = (s.head + 1) % retained
            }
            var dead: [Int] = []
            for (id, sub) in s.subscribers where !sub.offer(item) { dead.append(id) }
            for id in dead { s.subscribers[id] = nil }
        }
    }

    /// Registers a subscriber; with `from`, its backlog holds the retained bars from that sequence on.
    public func subscribe(from: UInt64?) throws(SubscribeError) -> Subscription {
        try state.withLock { (s: inout State) throws(SubscribeError) -> Subscription in
            var backlog: [Item] = []
            if let from, from <= s.sequence {
                let ordered = Array(s.ring[s.head...] + s.ring[..<s.head])
                let oldest = ordered.first?.sequence ?? s.sequence + 1
                if from < oldest { throw .tooOld(oldest: oldest) }
                backlog = ordered.filter { $0.sequence >= from }
            }
            let sub = Subscription(id: s.nextID, backlog: backlog, capacity: capacity)
            s.nextID += 1
            s.subscribers[sub.id] = sub
            return sub
        }
    }

    public func unsubscribe(_ sub: Subscription) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: sub.id) }
        sub.continuation.finish()
    }

    public func finishAll() {
        let subs = state.withLock { s in
            let all = Array(s.subscribers.values)
            s.subscribers.removeAll()
            return all
        }
        for sub in subs { sub.continuation.finish() }
    }
}
