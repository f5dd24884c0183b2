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

/// Hub-side filtering and whole-batch reads (the fan-out path of SubscribeFills).
@Suite("Trading event hub: interest and batches")
struct TradingEventHubInterestTests {
    static func fill(_ sequence: Int64) -> JournaledEngineEvent {
        let order = Order(id: OrderID(UInt64(sequence)), request: OrderRequest(symbol: "EURUSD", side: .buy, quantity: Quantity(raw: 1)),
                          createdAt: .zero)
        let fill = Fill(tradeID: TradeID("t\(sequence)"), orderID: order.id, symbol: "EURUSD", side: .buy, quantity: Quantity(raw: 1),
                        price: Price(raw: 1), commission: Money(raw: 0), timestamp: .zero)
        return JournaledEngineEvent(sequence: sequence, timeNanoseconds: sequence,
                                    event: .orderFilled(OrderFilled(fill: fill, order: order, position: Position(symbol: "EURUSD"),
                                                                    realizedPnL: Money(raw: 0), cash: Money(raw: 0))))
    }

    @Test("A fills subscriber gets only fills, is not offered batches without one, and its buffer counts only fills")
    func fillsInterest() async {
        let hub = EventHub(lastPublished: 0, capacity: 2)
        let fills = hub.subscribe(interest: .orderFills)
        let all = hub.subscribe()
        hub.publish([TradingEventHubTests.event(1), TradingEventHubTests.event(2), Self.fill(3)])
        hub.publish([TradingEventHubTests.event(4), TradingEventHubTests.event(5)])
        hub.publish([Self.fill(6), TradingEventHubTests.event(7)])
        // Five non-fill events went by: a capacity of 2 cut off the unfiltered subscriber only.
        #expect(all.overflowed)
        #expect(!fills.overflowed)
        #expect(hub.lastPublished == 7)
        hub.finishAll()
        var seen: [Int64] = []
        for await e in fills.events { seen.append(e.sequence) }
        #expect(seen == [3, 6])
    }

    @Test("nextBatch hands over everything buffered across batches in order, then waits, then ends")
    func wholeBatches() async {
        let hub = EventHub(lastPublished: 0, capacity: 100)
        let sub = hub.subscribe()
        hub.publish((1...3).map(TradingEventHubTests.event))
        hub.publish((4...4).map(TradingEventHubTests.event))
        hub.publish((5...9).map(TradingEventHubTests.event))
        let first = await sub.events.nextBatch()
        #expect(first?.flatMap { $0.map(\.sequence) } == Array(1...9))
        let reader = Task { await sub.events.nextBatch()?.flatMap { $0.map(\.sequence) } }
        try? await Task.sleep(for: .milliseconds(20))
        hub.publish((10...11).map(TradingEventHubTests.event))
        #expect(await reader.value == [10, 11])
        hub.finishAll()
        #expect(await sub.events.nextBatch() == nil)
    }

    @Test("Reading one event, then the rest as a batch, loses and repeats nothing")
    func mixedReads() async {
        let hub = EventHub(lastPublished: 0, capacity: 100)
        let sub = hub.subscribe()
        hub.publish((1...3).map(TradingEventHubTests.event))
        hub.publish((4...5).map(TradingEventHubTests.event))
        var iterator = sub.events.makeAsyncIterator()
        #expect(await iterator.next()?.sequence == 1)
        #expect(await iterator.next()?.sequence == 2)
        let rest = await sub.events.nextBatch()
        #expect(rest?.flatMap { $0.map(\.sequence) } == [3, 4, 5])
    }
}

@Suite("Hub publisher pacing")
struct HubPublisherPacingTests {
    @Test("Publishes are at least 2 ms apart, and 10 µs per subscriber apart with many subscribers")
    func interval() {
        let publisher = HubPublisher(hub: EventHub(lastPublished: 0, capacity: 1))
        #expect(publisher.interval(subscribers: 0) == 2_000_000)
        #expect(publisher.interval(subscribers: 100) == 2_000_000)
        #expect(publisher.interval(subscribers: 1000) == 10_000_000)
    }
}
