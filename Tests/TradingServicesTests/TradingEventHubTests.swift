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
}
