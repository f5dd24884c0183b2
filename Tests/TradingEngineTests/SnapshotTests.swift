import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Snapshots")
struct SnapshotTests {
    @Test("snapshot + restore + the journal tail gives the same state and the same future events")
    func restoreThenContinue() throws {
        let limits = RiskLimits(maxConsecutiveRejections: 5, ackTimeout: .seconds(1))
        let live = EngineHarness(limits: limits)
        live.price("100")
        live.trade(.buy, "10", at: "100", commission: "1")
        let entry = try #require(live.market(.buy, "5", bracket: Bracket(stopLoss: p("90"), trailingDistance: p("10"))))
        live.accept(entry.id)
        live.fill(entry, "5", at: "101")
        let resting = try #require(live.submit(limitOrder(.sell, "2", at: "120"))?.order)
        live.accept(resting.id)
        live.handle(.command(.setTradingState(.instrument("TEST"), .reducing, reason: "ops")))
        let snap = live.engine.snapshot()
        // Events after the snapshot: a fill of the resting order.
        let tailStart = live.events.count
        live.fill(resting, "2", at: "120")
        let tail = Array(live.events[tailStart...])

        let restored = EngineHarness(limits: limits, clock: TestClock(live.clock.now), firstOrderID: snap.nextOrderID)
        restored.engine.restore(from: snap)
        restored.engine.rebuild(from: tail)
        #expect(restored.engine.sequence == live.engine.sequence)
        #expect(restored.engine.allOrders == live.engine.allOrders)
        #expect(restored.engine.positions == live.engine.positions)
        #expect(restored.engine.cash == live.engine.cash)
        #expect(restored.engine.stops("TEST") == live.engine.stops("TEST"))
        #expect(restored.engine.tradingState(.instrument("TEST")) == .reducing)
        #expect(restored.engine.snapshot().orders == live.engine.snapshot().orders)

        // Both now see the same bar: the trailing stop moves identically.
        live.bar(open: "120", high: "125", low: "119", close: "124")
        restored.bar(open: "120", high: "125", low: "119", close: "124")
        #expect(restored.lastStep.events == live.lastStep.events)
        #expect(restored.engine.snapshot() == live.engine.snapshot())
    }

    @Test("a duplicate fill is still refused after a restore")
    func tradeIDsSurvive() throws {
        let live = EngineHarness()
        live.price("100")
        let o = try #require(live.market(.buy, "10"))
        live.accept(o.id)
        live.fill(o, "4", at: "100", tradeID: "DUP")
        let restored = EngineHarness(clock: TestClock(live.clock.now))
        restored.engine.restore(from: live.engine.snapshot())
        restored.fill(o, "4", at: "100", tradeID: "DUP")
        #expect(restored.lastTypes == ["BrokerReportRefused"])
    }
}

@Suite("Synthetic market data")
struct SyntheticDataTests {
    @Test("the random-walk feed is reproducible from its seed and produces valid bars")
    func randomWalk() {
        func make(_ seed: UInt64) -> [Bar] {
            var feed = RandomWalkFeed(symbol: "EURUSD", start: p("1.1"), tickSize: p("0.00001"),
                                      startTime: Timestamp(nanoseconds: 0), seed: seed)
            return (0..<1_000).map { _ in feed.next() }
        }
        let a = make(1), b = make(1), c = make(2)
        #expect(a == b)
        #expect(a != c)
        for bar in a {
            #expect(bar.low <= bar.open && bar.open <= bar.high && bar.low <= bar.close && bar.close <= bar.high)
            #expect(bar.low.isPositive && bar.close.isMultiple(of: p("0.00001")))
        }
        #expect(zip(a, a.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp })
    }

    @Test("quotes aggregate into bars stamped at the end of their interval")
    func aggregation() throws {
        var agg = try BarAggregator(symbol: "X", interval: .minutes(1))
        let t = Timestamp(nanoseconds: 0)
        func quote(_ seconds: Int64, _ bid: String, _ ask: String) -> Quote {
            Quote(symbol: "X", timestamp: t.advanced(by: .seconds(seconds)), bid: p(bid), ask: p(ask), volume: q("1"))
        }
        #expect(agg.add(quote(0, "1.0", "1.2")) == nil)   // mid 1.1
        #expect(agg.add(quote(20, "1.4", "1.6")) == nil)  // mid 1.5
        #expect(agg.add(quote(40, "0.8", "1.0")) == nil)  // mid 0.9
        let completed = agg.add(quote(61, "1.0", "1.0"))
        let bar = try #require(completed)
        #expect(bar.timestamp == t.advanced(by: .minutes(1)))
        #expect([bar.open, bar.high, bar.low, bar.close] == [p("1.1"), p("1.5"), p("0.9"), p("0.9")])
        #expect(bar.volume == q("3"))
        #expect(throws: StrategyConfigError.self) { try BarAggregator(symbol: "X", interval: .zero) }
    }
}
