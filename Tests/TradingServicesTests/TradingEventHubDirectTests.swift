import RPCCore
import Testing
@testable import TradingServices

/// Direct delivery (`Feed.nextBatch(direct:)`): while a subscriber's task waits, published batches
/// go straight to its stream on the publishing thread; a declined batch wakes the task instead.
@Suite("Trading event hub: direct delivery")
struct TradingEventHubDirectTests {
    static let event = TradingEventHubTests.event

    /// Waits until the reader task is parked in the feed (its direct writer installed).
    static func parked(_ feed: EventHub.Feed, probe: Int64, taken: Locked<[Int64]>) async -> Bool {
        for _ in 0..<500 {
            try? await Task.sleep(for: .milliseconds(2))
            if taken.withLock({ $0.contains(probe) }) { return true }
            _ = feed
        }
        return false
    }

    @Test("A parked subscriber's batches go to the direct writer in order without waking it; a declined batch wakes it, after everything taken")
    func directThenDeclined() async {
        let hub = EventHub(lastPublished: 0, capacity: 100)
        let sub = hub.subscribe()
        let taken = Locked<[Int64]>([])
        let accept = Locked(true)
        let wakeUps = Locked(0)
        let reader = Task { () -> [[Int64]] in
            var returned: [[Int64]] = []
            while let batch = await sub.events.nextBatch(direct: { events in
                guard accept.withLock({ $0 }) else { return false }
                taken.withLock { $0.append(contentsOf: events.map(\.sequence)) }
                return true
            }) {
                wakeUps.withLock { $0 += 1 }
                returned.append(batch.flatMap { $0.map(\.sequence) })
            }
            return returned
        }
        // Publish a probe until the reader is parked and the direct writer took it.
        var seq: Int64 = 0
        repeat {
            seq += 1
            hub.publish([Self.event(seq)])
        } while !(await Self.parked(sub.events, probe: seq, taken: taken)) && seq < 5
        let before = taken.withLock { $0 }
        #expect(before.last == seq)
        let direct = (seq + 1)...(seq + 4)
        hub.publish(direct.map(Self.event))
        #expect(taken.withLock { $0 } == before + Array(direct))
        let wokenBefore = wakeUps.withLock { $0 }
        accept.withLock { $0 = false }
        hub.publish([Self.event(seq + 5), Self.event(seq + 6)])
        hub.publish([Self.event(seq + 7)])
        hub.finishAll()
        let returned = await reader.value
        // Nothing after the decline went to the direct writer; the task got it, in order.
        #expect(taken.withLock { $0 } == before + Array(direct))
        #expect(returned.dropFirst(wokenBefore).flatMap { $0 } == [seq + 5, seq + 6, seq + 7])
        #expect(!sub.overflowed)
        // Every sequence exactly once, across both paths.
        #expect((taken.withLock { $0 } + returned.flatMap { $0 }).sorted() == Array(1...(seq + 7)))
    }

    @Test("Declined batches still count against the buffer: a subscriber whose stream takes nothing is cut off at its capacity")
    func declinedOverflows() async {
        let hub = EventHub(lastPublished: 0, capacity: 3)
        let sub = hub.subscribe()
        let offered = Locked(0)
        let reader = Task { () -> [Int64] in
            guard let first = await sub.events.nextBatch(direct: { _ in
                offered.withLock { $0 += 1 }
                return false
            }) else { return [] }
            // Stop reading, like a task stuck on a full transport buffer.
            return first.flatMap { $0.map(\.sequence) }
        }
        for _ in 0..<500 where offered.withLock({ $0 }) == 0 {
            try? await Task.sleep(for: .milliseconds(2))
            if offered.withLock({ $0 }) == 0 { hub.publish([Self.event(hub.lastPublished + 1)]) }
        }
        let first = await reader.value
        #expect(!first.isEmpty)
        let next = hub.lastPublished + 1
        hub.publish((next...(next + 5)).map(Self.event))
        #expect(sub.overflowed)
        #expect(hub.subscriberCount == 0)
    }
}
