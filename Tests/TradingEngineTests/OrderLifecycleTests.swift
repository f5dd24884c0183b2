import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Order lifecycle in the engine")
struct OrderLifecycleTests {
    @Test("a repeated client order id returns the existing order and emits nothing")
    func idempotent() throws {
        let h = EngineHarness()
        h.price("100")
        let first = try #require(h.market(.buy, "1", client: "c-1"))
        let again = try #require(h.market(.buy, "5", client: "c-1"))
        #expect(first == again)
        #expect(h.lastStep.events.isEmpty)
        #expect(h.broker.submitted.count == 1)
        #expect(h.engine.order(clientOrderID: "c-1")?.id == first.id)
    }

    @Test("a denied client order id stays denied on retry")
    func deniedIdempotent() {
        let h = EngineHarness()
        let r = OrderRequest(clientOrderID: "c-2", symbol: "TEST", side: .buy, quantity: q("1"))
        #expect(h.submit(r)?.deniedReason == .noMarketData)
        h.price("100")
        if case .order(let o) = h.submit(r) { #expect(o.status == .rejected) } else { Issue.record("expected the same order") }
    }

    @Test("a duplicate trade id and an overfill are refused and change nothing")
    func duplicateAndOverfill() throws {
        let h = EngineHarness()
        h.price("100")
        let o = try #require(h.market(.buy, "10"))
        h.accept(o.id)
        h.fill(o, "4", at: "100", tradeID: "X1")
        h.fill(o, "4", at: "100", tradeID: "X1")
        #expect(h.lastTypes == ["BrokerReportRefused"])
        if case .brokerReportRefused(let r) = h.lastEvents.first { #expect(r.problem == .duplicateTrade("X1")) }
        h.fill(o, "7", at: "100", tradeID: "X2")
        if case .brokerReportRefused(let r) = h.lastEvents.first {
            #expect(r.problem == .overfill(leaves: q("6"), attempted: q("7")))
        }
        #expect(h.engine.position("TEST")?.quantity == q("4"))
        #expect(h.engine.order(o.id)?.status == .partiallyFilled)
        h.fill(o, "6", at: "101", tradeID: "X3")
        #expect(h.engine.order(o.id)?.status == .filled)
        #expect(h.lastTypes == ["OrderFilled", "PositionChanged"])
    }

    @Test("illegal broker transitions are reported, never applied")
    func illegal() throws {
        let h = EngineHarness()
        h.price("100")
        let o = try #require(h.trade(.buy, "1", at: "100"))
        h.handle(.broker(.cancelled(o.id, at: h.clock.now)))
        #expect(h.lastTypes == ["BrokerReportRefused"])
        if case .brokerReportRefused(let r) = h.lastEvents.first {
            #expect(r.problem == .illegalTransition(IllegalTransition(from: .filled, trigger: .cancel)))
        }
        h.handle(.broker(.accepted(OrderID(999), at: h.clock.now)))
        if case .brokerReportRefused(let r) = h.lastEvents.first { #expect(r.problem == .unknownOrder) }
        #expect(h.engine.order(o.id)?.status == .filled)
    }

    @Test("an order left UNKNOWN by a missed acknowledgement is queried at once and resolved by the broker's answer")
    func ackTimeoutResolvedByStatusQuery() throws {
        let h = EngineHarness(limits: RiskLimits(ackTimeout: .seconds(2)))
        h.price("100")
        let lost = try #require(h.market(.buy, "1"))
        h.clock.advance(by: .seconds(2))
        h.handle(.timer)
        #expect(h.broker.queried == [lost.id])
        // The broker never received it: rejected, and the instrument trades again.
        h.handle(.broker(.orderStatus(BrokerOrderStatus(orderID: lost.id, state: .notFound, filledQuantity: .zero,
                                                        at: h.clock.now))))
        #expect(h.lastTypes == ["OrderRejected"])
        #expect(h.engine.order(lost.id)?.status == .rejected)
        let working = try #require(h.market(.buy, "1"))
        h.clock.advance(by: .seconds(2))
        h.handle(.timer)
        #expect(h.broker.queried == [lost.id, working.id])
        // The broker has it working: accepted, never assumed filled.
        h.handle(.broker(.orderStatus(BrokerOrderStatus(orderID: working.id, state: .working, filledQuantity: .zero,
                                                        at: h.clock.now))))
        #expect(h.engine.order(working.id)?.status == .accepted)
        #expect(h.engine.order(working.id)?.filledQuantity == .zero)
    }

    @Test("no acknowledgement in time makes the order UNKNOWN; new orders wait until the broker resolves it")
    func ackTimeout() throws {
        let h = EngineHarness(limits: RiskLimits(ackTimeout: .seconds(2)))
        h.price("100")
        let o = try #require(h.market(.buy, "1"))
        h.clock.advance(by: .seconds(2))
        h.handle(.timer)
        #expect(h.lastTypes == ["OrderStatusUnknown"])
        #expect(h.lastStep.requests == [.queryStatus(o.id)])
        #expect(h.broker.queried == [o.id])
        #expect(h.engine.order(o.id)?.status == .unknown)
        #expect(h.submit(marketOrder(.buy, "1"))?.deniedReason == .unresolvedOrders)
        h.accept(o.id)
        #expect(h.engine.order(o.id)?.status == .accepted)
        #expect(h.submit(marketOrder(.buy, "1"))?.order != nil)
    }

    @Test("timeouts fire on time although the engine skips the open-order scan until the earliest deadline")
    func timeoutDeadlines() throws {
        // Ack 10 s, fill 3 s: while pending the next deadline is the ack one; the acknowledgement
        // moves it to createdAt + 3 s, which is earlier than the skipped scans would reach.
        let h = EngineHarness(limits: RiskLimits(ackTimeout: .seconds(10), fillTimeout: .seconds(3)))
        h.price("100")
        let o = try #require(h.submit(limitOrder(.buy, "1", at: "99"))?.order)
        h.clock.advance(by: .seconds(1))
        h.handle(.timer)
        #expect(h.lastStep.events.isEmpty)
        h.accept(o.id)
        h.clock.advance(by: .seconds(2))
        h.handle(.timer)
        #expect(h.lastTypes == ["FillTimeout"])
        // A later order, then a limits change that shortens its timeout: the change forces a scan.
        let p = try #require(h.submit(limitOrder(.buy, "1", at: "98"))?.order)
        h.accept(p.id)
        h.clock.advance(by: .seconds(1))
        var shorter = h.engine.limits
        shorter.fillTimeout = .milliseconds(500)
        h.handle(.command(.updateRiskLimits(shorter)))
        #expect(h.lastTypes.last == "FillTimeout")
        #expect(h.engine.counters.fillTimeouts == 2)
    }

    @Test("fill timeouts are flagged once and counted; the cancel action asks the broker to cancel", arguments: [
        FillTimeoutAction.flag, .cancel,
    ])
    func fillTimeout(action: FillTimeoutAction) throws {
        let h = EngineHarness(limits: RiskLimits(fillTimeout: .seconds(5), fillTimeoutAction: action))
        h.price("100")
        let o = try #require(h.submit(limitOrder(.buy, "1", at: "99"))?.order)
        h.accept(o.id)
        h.clock.advance(by: .seconds(4))
        h.handle(.timer)
        #expect(h.lastStep.events.isEmpty)
        h.clock.advance(by: .seconds(1))
        h.handle(.timer)
        #expect(h.lastTypes == (action == .cancel ? ["FillTimeout", "OrderCancelRequested"] : ["FillTimeout"]))
        h.clock.advance(by: .seconds(5))
        h.handle(.timer)
        #expect(h.lastStep.events.isEmpty)
        #expect(h.engine.counters.fillTimeouts == 1)
        #expect(h.engine.rates.fillTimeoutRate == 1.0)
    }

    @Test("cancel: PENDING_CANCEL, then CANCELLED on the broker's report; a filled order is not cancellable")
    func cancel() throws {
        let h = EngineHarness()
        h.price("100")
        let o = try #require(h.submit(limitOrder(.buy, "1", at: "99"))?.order)
        h.accept(o.id)
        h.handle(.command(.cancelOrder(o.id)))
        #expect(h.engine.order(o.id)?.status == .pendingCancel)
        h.handle(.broker(.cancelled(o.id, at: h.clock.now)))
        #expect(h.engine.order(o.id)?.status == .cancelled)
        #expect(h.engine.openOrders.isEmpty)
        let f = try #require(h.trade(.buy, "1", at: "100"))
        if case .notCancellable = h.handle(.command(.cancelOrder(f.id))).result {} else { Issue.record("expected notCancellable") }
        if case .orderNotFound = h.handle(.command(.cancelOrder(OrderID(77)))).result {} else { Issue.record("expected notFound") }
    }

    @Test("cash and equity follow fills exactly, commissions included")
    func accounting() throws {
        let h = EngineHarness(cash: m("1000"))
        h.price("10")
        h.trade(.buy, "10", at: "10", commission: "1.25")
        h.trade(.sell, "4", at: "12.5", commission: "0.75")
        h.price("11")
        let pf = h.engine.portfolio
        #expect(pf.cash == m("948"))  // 1000 − 100 − 1.25 + 50 − 0.75
        #expect(pf.equity == m("1014"))  // 948 + 6 × 11
        #expect(pf.realizedPnL == m("10"))
        #expect(pf.unrealizedPnL == m("6"))
        #expect(pf.commissions == m("2"))
        #expect(pf.grossExposure == m("66") && pf.netExposure == m("66"))
    }

    @Test("replaying the journal into a fresh engine rebuilds orders, positions, cash and states")
    func rebuild() throws {
        let h = EngineHarness(limits: RiskLimits(ackTimeout: .seconds(1)))
        h.price("100")
        h.trade(.buy, "10", at: "100", commission: "1")
        h.trade(.sell, "3", at: "101")
        let open = h.submit(limitOrder(.buy, "1", at: "95"))?.order
        if let open { h.accept(open.id) }
        _ = h.market(.buy, "1")
        h.clock.advance(by: .seconds(1))
        h.handle(.timer)  // the last order goes UNKNOWN
        h.handle(.command(.setTradingState(.instrument("TEST"), .reducing, reason: "x")))
        let copy = EngineHarness(limits: RiskLimits(ackTimeout: .seconds(1)))
        copy.engine.rebuild(from: h.events)
        #expect(copy.engine.sequence == h.engine.sequence)
        #expect(copy.engine.allOrders == h.engine.allOrders)
        #expect(copy.engine.openOrders == h.engine.openOrders)
        #expect(copy.engine.position("TEST") == h.engine.position("TEST"))
        #expect(copy.engine.cash == h.engine.cash)
        #expect(copy.engine.tradingState(.instrument("TEST")) == .reducing)
        #expect(copy.engine.counters == h.engine.counters)
        copy.price("100")
        #expect(copy.submit(marketOrder(.sell, "1"))?.deniedReason == .unresolvedOrders)
    }

    @Test("every event has the next sequence number")
    func sequences() {
        let h = EngineHarness()
        h.price("100")
        h.trade(.buy, "1", at: "100")
        h.trade(.sell, "1", at: "100")
        #expect(h.events.map(\.sequence) == Array(1...UInt64(h.events.count)))
    }
}

@Suite("Cancel/replace")
struct ReplaceTests {
    @Test("a replacement that passes risk cancels the old order and sends the new one for the unfilled rest")
    func replace() throws {
        let h = EngineHarness(limits: RiskLimits(maxOpenOrders: 1))
        h.price("100")
        let old = try #require(h.submit(limitOrder(.buy, "10", at: "99"))?.order)
        h.accept(old.id)
        h.fill(old, "4", at: "99")
        let result = h.handle(.command(.replaceOrder(old.id, quantity: q("12"), limitPrice: p("99.5"), triggerPrice: nil,
                                                     clientOrderID: "r-1"))).result
        let new = try #require(result?.order)
        #expect(new.quantity == q("8") && new.request.limitPrice == p("99.5"))
        #expect(h.lastTypes == ["OrderCancelRequested", "OrderSubmitted"])
        #expect(h.engine.order(old.id)?.status == .pendingCancel)
        // Idempotent on the replacement's client order id.
        let again = h.handle(.command(.replaceOrder(old.id, quantity: q("12"), limitPrice: p("99.5"), triggerPrice: nil,
                                                    clientOrderID: "r-1"))).result
        #expect(again?.order?.id == new.id)
        #expect(h.lastStep.events.isEmpty)
    }

    @Test("a replacement that fails risk leaves the old order working")
    func deniedReplace() throws {
        let h = EngineHarness(limits: RiskLimits(defaults: InstrumentRiskLimits(maxOrderQuantity: q("10"))))
        h.price("100")
        let old = try #require(h.submit(limitOrder(.buy, "10", at: "99"))?.order)
        h.accept(old.id)
        let result = h.handle(.command(.replaceOrder(old.id, quantity: q("11"), limitPrice: nil, triggerPrice: nil,
                                                     clientOrderID: nil))).result
        #expect(result?.deniedReason == .maxOrderQuantity)
        #expect(h.lastTypes == ["OrderDenied"])
        #expect(h.engine.order(old.id)?.status == .accepted)
        #expect(h.broker.cancelled.isEmpty)
    }
}

@Suite("Order retention")
struct RetentionTests {
    @Test("beyond the retention the oldest finished orders are evicted; open orders never are")
    func eviction() throws {
        let h = EngineHarness(orderRetention: 2)
        h.price("100")
        let working = try #require(h.submit(limitOrder(.buy, "1", at: "90"))?.order)
        let a = try #require(h.market(.buy, "1", client: "a"))
        h.accept(a.id)
        h.fill(a, "1", at: "100")
        h.trade(.buy, "1", at: "100")
        h.trade(.buy, "1", at: "100")
        #expect(h.engine.order(a.id) == nil)
        #expect(h.engine.order(clientOrderID: "a") == nil)
        #expect(h.engine.order(working.id) != nil)
        #expect(h.engine.allOrders.count == 3)
        // Replay with the same retention evicts the same orders.
        let copy = EngineHarness(orderRetention: 2)
        copy.engine.rebuild(from: h.events)
        #expect(copy.engine.allOrders == h.engine.allOrders)
    }
}
