import Testing
import TradingModel
@testable import TradingServices

/// The fan-out under the streams: bounded per-subscriber buffers, overflow ends only the slow one.
@Suite("Trading event hub")
struct TradingEventHubTests {
    static func event(_ sequence: Int64) -> JournaledEngineEvent {
        JournaledEngineEvent(sequence: sequence, timeNanoseconds: sequence,
                             event: .signalIgnored(SignalIgnored(signal: Signal(strategyID: "t", symbol: "EURUSD",
                                                                                direction: .flat, timestamp: .zero),
                                                                 reason: "test")))
    }

    @Test("A subscriber that stops reading is cut off at its buffer size; publishing never waits; others get everything")
    func slowSubscriberOverflows() async {
        let hub = EventHub(lastPublished: 10, capacity: 4)
        let slow = hub.subscribe()
        let fast = hub.subscribe()
        #expect(slow.liveAfter == 10)
        var fastSeen: [Int64] = []
        for seq in Int64(11)...20 {
            hub.publish([Self.event(seq)])
            for await e in fast.events {
                fastSeen.append(e.sequence)
                break
            }
        }
        #expect(fastSeen == Array(11...20))
        #expect(slow.overflowed)
        #expect(!fast.overflowed)
        var slowSeen: [Int64] = []
        for await e in slow.events { slowSeen.append(e.sequence) }
        #expect(slowSeen == [11, 12, 13, 14])
        #expect(hub.subscriberCount == 1)
        #expect(hub.lastPublished == 20)
    }

    @Test("Events at or below the last published sequence are not delivered twice")
    func noDuplicates() async {
        let hub = EventHub(lastPublished: 0, capacity: 16)
        let sub = hub.subscribe()
        hub.publish([Self.event(1), Self.event(2)])
        hub.publish([Self.event(2), Self.event(3)])
        hub.finishAll()
        var seen: [Int64] = []
        for await e in sub.events { seen.append(e.sequence) }
        #expect(seen == [1, 2, 3])
    }

    @Test("A batch is shared by all subscribers and read in order; one that does not fit is cut at the capacity")
    func batchesAndPartialOverflow() async {
        let hub = EventHub(lastPublished: 0, capacity: 5)
        let a = hub.subscribe()
        let b = hub.subscribe()
        hub.publish((1...3).map(Self.event))
        var seen: [Int64] = []
        for await e in a.events {
            seen.append(e.sequence)
            if seen.count == 3 { break }
        }
        #expect(seen == [1, 2, 3])
        hub.publish((4...6).map(Self.event))
        // a has room (3 read, 3 buffered); b holds 3 and gets only 2 of the next 3, then ends.
        #expect(!a.overflowed)
        #expect(b.overflowed)
        #expect(hub.subscriberCount == 1)
        var bSeen: [Int64] = []
        for await e in b.events { bSeen.append(e.sequence) }
        #expect(bSeen == [1, 2, 3, 4, 5])
        hub.finishAll()
        var rest: [Int64] = []
        for await e in a.events { rest.append(e.sequence) }
        #expect(rest == [4, 5, 6])
    }

    @Test("A waiting subscriber wakes for a publish from another thread, and cancelling its task ends the feed")
    func wakeAndCancel() async {
        let hub = EventHub(lastPublished: 0, capacity: 16)
        let sub = hub.subscribe()
        let reader = Task {
            var seen: [Int64] = []
            for await e in sub.events { seen.append(e.sequence) }
            return seen
        }
        try? await Task.sleep(for: .milliseconds(20))
        hub.publish([Self.event(1), Self.event(2)])
        try? await Task.sleep(for: .milliseconds(20))
        reader.cancel()
        let seen = await reader.value
        #expect(seen == [1, 2])
        #expect(!sub.overflowed)
    }
}
