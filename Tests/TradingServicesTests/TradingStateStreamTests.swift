import Foundation
import RPCCore
import Testing
import TradingModel
import TradingProtocol
@testable import TradingServices

/// `SubscribeOrders` and `SubscribePositions` without `from_sequence`: a KIND_SNAPSHOT cut of the
/// state, then live events with larger sequences, no gap and no duplicate (Protocol/README.md).
@Suite("State streams start with a snapshot", .serialized)
struct TradingStateStreamTests {
    typealias T = TradingTestServer

    @Test("SubscribeOrders sends the open orders as a snapshot at the journal head, then only later events")
    func ordersSnapshot() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        let a = try #require(try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "open-a")).order)
        let b = try #require(try await s.orders.submitOrder(T.submit(.buy, "2000", limit: "1.04000", clientOrderID: "open-b")).order)
        let done = try #require(try await s.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "filled")).order)
        try await s.bar("1.07220")
        try await s.settle()
        let head = try await s.component.host.query { $0.lastSequence }

        let stream = s.orders.subscribeOrders(TradebotV1.SubscribeOrdersRequest())
        let snapshot = try await collect(2, from: stream)
        #expect(snapshot.allSatisfy { $0.kind == .snapshot && $0.sequence == UInt64(head) })
        #expect(snapshot.map { $0.order?.orderID } == [a.orderID, b.orderID])
        #expect(!snapshot.contains { $0.order?.orderID == done.orderID })

        // A live change after the snapshot arrives once, with a larger sequence.
        var cancel = TradebotV1.CancelOrderRequest()
        cancel.target = .orderID(a.orderID)
        _ = try await s.orders.cancelOrder(cancel)
        try await s.settle()
        let live = try await collect(2, from: stream)
        stream.cancel()
        #expect(live.allSatisfy { $0.kind != .snapshot && $0.sequence > UInt64(head) })
        #expect(live.map(\.kind) == [.pendingCancel, .cancelled])
        #expect(live[1].sequence == live[0].sequence + 1)
    }

    @Test("A filter applies to the snapshot too; an empty state sends no snapshot events")
    func filteredAndEmpty() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        var other = TradebotV1.SubscribeOrdersRequest()
        other.strategyID = "no-such-strategy"
        let all = s.orders.subscribeOrders(TradebotV1.SubscribeOrdersRequest())
        // Let the subscription join and take its (empty) snapshot before anything happens.
        let hub = s.component.host.hub
        for _ in 0..<200 where hub.subscriberCount < 1 { try await Task.sleep(for: .milliseconds(10)) }
        try #require(hub.subscriberCount == 1)
        try await Task.sleep(for: .milliseconds(200))
        try await s.settle()
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "x"))
        try await s.settle()
        // Subscribed before any order existed: the first message is the live SUBMITTED event.
        let first = try await collect(1, from: all)
        all.cancel()
        #expect(first.first?.kind == .submitted)
        let late = s.orders.subscribeOrders(other)
        var probe = TradebotV1.SubscribeOrdersRequest()
        probe.symbols = ["EURUSD"]
        let eur = s.orders.subscribeOrders(probe)
        let eurSnapshot = try await collect(1, from: eur)
        eur.cancel()
        #expect(eurSnapshot.first?.kind == .snapshot)
        // The stream filtered on another strategy gets no snapshot event (and no live one).
        let nothing = await #expect(throws: TestFailure.self) { _ = try await collect(1, from: late, seconds: 0.5) }
        #expect(nothing != nil)
    }

    @Test("SubscribePositions sends the open positions as a snapshot, then later position events")
    func positionsSnapshot() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "10000", clientOrderID: "b1"))
        try await s.bar("1.07300")
        try await s.settle()
        let head = try await s.component.host.query { $0.lastSequence }

        let stream = s.portfolio.subscribePositions(TradebotV1.SubscribePositionsRequest())
        let snapshot = try await collect(1, from: stream)
        #expect(snapshot.first?.kind == .snapshot)
        #expect(snapshot.first?.sequence == UInt64(head))
        #expect(snapshot.first?.position?.quantity == "10000")

        _ = try await s.orders.submitOrder(T.submit(.sell, "4000", clientOrderID: "s1"))
        try await s.bar("1.07500")
        try await s.settle()
        let live = try await collect(1, from: stream)
        stream.cancel()
        #expect(live.first?.kind == .updated)
        #expect(live.first?.position?.quantity == "6000")
        #expect((live.first?.sequence ?? 0) > UInt64(head))
    }
}
