import Testing
import TradingEngine
import TradingModel
import TradingTesting

/// Orders whose broker outcome is unknown after a restart: marked UNKNOWN, block their instrument,
/// and move only as far as the broker's status answer proves.
@Suite("Reconciliation after a restart")
struct ReconciliationTests {
    /// An engine restored from `live`'s journal (as a restart does), with the same clock time.
    static func restarted(_ live: EngineHarness) -> EngineHarness {
        let copy = EngineHarness(clock: TestClock(live.clock.now), firstOrderID: live.engine.snapshot().nextOrderID)
        copy.engine.rebuild(from: live.events)
        return copy
    }

    static func status(_ id: OrderID, _ state: BrokerOrderStatus.State, filled: String = "0", at t: Timestamp) -> EngineInput {
        .broker(.orderStatus(BrokerOrderStatus(orderID: id, state: state, filledQuantity: Fixtures.quantity(filled), at: t)))
    }

    @Test("a sent, unacknowledged order becomes UNKNOWN, blocks its instrument, and the broker's 'working' accepts it")
    func pendingNewResolvedWorking() throws {
        let live = EngineHarness()
        live.price("100")
        let sent = try #require(live.market(.buy, "5"))
        #expect(sent.status == .pendingNew)
        let engine = Self.restarted(live)
        let (step, queries) = engine.engine.beginReconciliation()
        #expect(queries == [sent.id])
        #expect(step.events.map(\.event.typeName) == ["OrderStatusUnknown"])
        #expect(engine.engine.order(sent.id)?.status == .unknown)

        engine.price("100")
        let denied = engine.submit(OrderRequest(symbol: "TEST", side: .buy, quantity: Fixtures.quantity("1")))
        guard case .denied(_, let reason, _) = denied else { Issue.record("expected a denial, got \(String(describing: denied))"); return }
        #expect(reason == .unresolvedOrders)

        engine.handle(Self.status(sent.id, .working, at: engine.clock.now))
        #expect(engine.lastTypes == ["OrderAccepted"])
        #expect(engine.engine.order(sent.id)?.status == .accepted)
        #expect(engine.market(.buy, "1") != nil)
    }

    @Test("'not found' rejects an order that never reached the broker; nothing is assumed filled")
    func notFoundRejects() throws {
        let live = EngineHarness()
        live.price("100")
        let sent = try #require(live.market(.sell, "2"))
        let engine = Self.restarted(live)
        _ = engine.engine.beginReconciliation()
        engine.handle(Self.status(sent.id, .notFound, at: engine.clock.now))
        #expect(engine.engine.order(sent.id)?.status == .rejected)
        #expect(engine.engine.order(sent.id)?.filledQuantity == .zero)
        #expect(engine.engine.position("TEST")?.quantity == .zero)
    }

    @Test("a broker reporting fills the engine has not seen leaves the order unresolved until the fill reports come")
    func missingFillsStayUnresolved() throws {
        let live = EngineHarness()
        live.price("100")
        let sent = try #require(live.market(.buy, "5"))
        let engine = Self.restarted(live)
        _ = engine.engine.beginReconciliation()
        engine.handle(Self.status(sent.id, .working, filled: "2", at: engine.clock.now))
        #expect(engine.lastTypes == ["BrokerReportRefused"])
        #expect(engine.engine.order(sent.id)?.status == .unknown)
        // The fill report itself resolves it (fills are legal from UNKNOWN).
        let unknown = try #require(engine.engine.order(sent.id))
        engine.fill(unknown, "2", at: "100")
        #expect(engine.engine.order(sent.id)?.status == .partiallyFilled)
    }

    @Test("a cancel in flight is asked again when the broker still works the order; a status for a finished order is ignored")
    func pendingCancel() throws {
        let live = EngineHarness()
        live.price("100")
        let resting = try #require(live.submit(limitOrder(.buy, "1", at: "90"))?.order)
        live.accept(resting.id)
        live.handle(.command(.cancelOrder(resting.id)))
        #expect(live.engine.order(resting.id)?.status == .pendingCancel)
        let engine = Self.restarted(live)
        let (step, queries) = engine.engine.beginReconciliation()
        #expect(step.events.isEmpty)
        #expect(queries == [resting.id])
        let answer = engine.handle(Self.status(resting.id, .working, at: engine.clock.now))
        #expect(answer.events.isEmpty)
        #expect(answer.requests.count == 1)
        engine.handle(.broker(.cancelled(resting.id, at: engine.clock.now)))
        #expect(engine.engine.order(resting.id)?.status == .cancelled)
        let late = engine.handle(Self.status(resting.id, .working, at: engine.clock.now))
        #expect(late.events.isEmpty && late.requests.isEmpty)
    }

    @Test("the paper broker answers a status query from its book, after its acknowledgement latency")
    func paperBrokerStatus() throws {
        var broker = PaperBroker(instruments: [Fixtures.test()], config: PaperBrokerConfig(ackLatency: .milliseconds(5)))
        let t0 = Timestamp(nanoseconds: 1_000_000_000)
        var order = Order(id: OrderID(9), request: OrderRequest(symbol: "TEST", side: .buy, type: .limit,
                                                                 quantity: Fixtures.quantity("10"), limitPrice: Fixtures.price("90")),
                          createdAt: t0)
        try order.apply(.accept, at: t0)
        try order.recordFill(quantity: Fixtures.quantity("4"), price: Fixtures.price("90"), at: t0)
        broker.restore(order)
        broker.queryStatus(OrderID(9), at: t0)
        broker.queryStatus(OrderID(10), at: t0)
        var reports: [BrokerReport] = []
        broker.pollReports(upTo: t0, into: &reports)
        #expect(reports.isEmpty)
        broker.pollReports(upTo: t0.advanced(by: .milliseconds(5)), into: &reports)
        #expect(reports == [
            .orderStatus(BrokerOrderStatus(orderID: OrderID(9), state: .working, filledQuantity: Fixtures.quantity("4"),
                                           at: t0.advanced(by: .milliseconds(5)))),
            .orderStatus(BrokerOrderStatus(orderID: OrderID(10), state: .notFound, filledQuantity: .zero,
                                           at: t0.advanced(by: .milliseconds(5)))),
        ])
        // The restored order trades only its unfilled 6, without a second acknowledgement.
        broker.marketData(Bar(symbol: "TEST", timestamp: t0.advanced(by: .seconds(1)), open: Fixtures.price("85"),
                              high: Fixtures.price("86"), low: Fixtures.price("84"), close: Fixtures.price("85"),
                              volume: Fixtures.quantity("1000")))
        reports.removeAll()
        broker.pollReports(upTo: t0.advanced(by: .seconds(2)), into: &reports)
        #expect(reports.count == 1)
        if case .filled(let f) = reports.first { #expect(f.quantity == Fixtures.quantity("6")) } else { Issue.record("expected a fill") }
    }
}

@Suite("Snapshot exactness")
struct SnapshotExactnessTests {
    @Test("snapshot + tail equals a full rebuild, including which finished orders are evicted and the counters")
    func snapshotEqualsRebuild() throws {
        let live = EngineHarness(orderRetention: 3)
        live.price("100")
        var cut = 0
        var snapshot: EngineSnapshot?
        for i in 0..<12 {
            if i == 7 {
                snapshot = live.engine.snapshot()
                cut = live.events.count
            }
            if i % 4 == 3 {
                live.submit(OrderRequest(symbol: "TEST", side: .buy, quantity: Fixtures.quantity("0")))  // denied
            } else if let o = live.market(i % 2 == 0 ? .buy : .sell, "1") {
                live.accept(o.id)
                live.fill(o, "1", at: "100")
            }
        }
        let snap = try #require(snapshot)
        let restored = EngineHarness(clock: TestClock(live.clock.now), firstOrderID: snap.nextOrderID, orderRetention: 3)
        restored.engine.restore(from: snap)
        restored.engine.rebuild(from: live.events[cut...])
        let replayed = EngineHarness(clock: TestClock(live.clock.now), orderRetention: 3)
        replayed.engine.rebuild(from: live.events)
        let a = restored.engine.snapshot(), b = replayed.engine.snapshot()
        // Market marks are not journaled (a replay cannot know them); the event-sourced state must match.
        #expect(a.orders == b.orders)
        #expect(a.tradeIDs == b.tradeIDs)
        #expect(a.finishedOrderIDs == b.finishedOrderIDs)
        #expect(a.finishedOrderIDs.count == 3)
        #expect(a.cash == b.cash && a.sequence == b.sequence)
        #expect(restored.engine.counters == replayed.engine.counters)
        #expect(restored.engine.counters.ordersDenied == 3)
        #expect(restored.engine.allOrders.map(\.id) == live.engine.allOrders.map(\.id))
    }
}
