import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Circuit breakers and the kill switch")
struct CircuitBreakerTests {
    @Test("a price move over the threshold within the window trips the volatility breaker; the cool-down resets it")
    func volatility() {
        let h = EngineHarness(limits: RiskLimits(volatilityThresholdBasisPoints: 500, volatilityWindow: .minutes(5),
                                                 breakerCooldown: .minutes(10)))
        h.price("100")
        h.clock.advance(by: .minutes(1))
        h.price("105")  // exactly 5 %: not over
        #expect(h.engine.tradingState(.instrument("TEST")) == .active)
        h.clock.advance(by: .minutes(1))
        h.price("105.01")  // 5.01 % above the first price, still in the window
        #expect(h.lastTypes == ["CircuitBreakerTripped", "TradingStateChanged"])
        #expect(h.engine.tradingState(.instrument("TEST")) == .halted)
        #expect(h.submit(marketOrder(.buy, "1"))?.deniedReason == .tradingHalted)
        h.clock.advance(by: .minutes(10))
        h.handle(.timer)
        #expect(h.lastTypes == ["CircuitBreakerReset", "TradingStateChanged"])
        #expect(h.engine.tradingState(.instrument("TEST")) == .active)
    }

    @Test("moves older than the window do not trip the volatility breaker")
    func volatilityWindow() {
        let h = EngineHarness(limits: RiskLimits(volatilityThresholdBasisPoints: 500, volatilityWindow: .minutes(5)))
        h.price("100")
        h.clock.advance(by: .minutes(6))
        h.price("110")
        #expect(h.engine.tradingState(.instrument("TEST")) == .active)
    }

    @Test("N consecutive broker rejections trip the rejection breaker; only an admin resets it without a cool-down")
    func consecutiveRejections() {
        let h = EngineHarness(limits: RiskLimits(maxConsecutiveRejections: 3))
        h.price("100")
        for k in 0..<3 {
            let o = h.market(.buy, "1")
            #expect(o != nil)
            if let o { h.handle(.broker(.rejected(o.id, reason: "no", at: h.clock.now))) }
            if k < 2 { #expect(h.engine.tradingState(.account) == .active) }
        }
        #expect(h.lastTypes == ["OrderRejected", "CircuitBreakerTripped", "TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .halted)
        h.clock.advance(by: .hours(1))
        h.handle(.timer)
        #expect(h.engine.tradingState(.account) == .halted)
        h.handle(.command(.resetCircuitBreaker(.consecutiveRejections, .account)))
        #expect(h.lastTypes == ["CircuitBreakerReset", "TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .active)
    }

    @Test("an acceptance in between resets the rejection count")
    func rejectionCountResets() {
        let h = EngineHarness(limits: RiskLimits(maxConsecutiveRejections: 2))
        h.price("100")
        if let a = h.market(.buy, "1") { h.handle(.broker(.rejected(a.id, reason: "no", at: h.clock.now))) }
        if let b = h.market(.buy, "1") { h.accept(b.id) }
        if let c = h.market(.buy, "1") { h.handle(.broker(.rejected(c.id, reason: "no", at: h.clock.now))) }
        #expect(h.engine.tradingState(.account) == .active)
    }

    @Test("no market data for longer than the limit trips the stale-data breaker; fresh data resets it")
    func staleData() {
        let h = EngineHarness(limits: RiskLimits(staleDataAfter: .seconds(30)))
        h.price("100")
        h.clock.advance(by: .seconds(30))
        h.handle(.timer)
        #expect(h.engine.tradingState(.instrument("TEST")) == .active)
        h.clock.advance(by: .milliseconds(1))
        h.handle(.timer)
        #expect(h.lastTypes == ["CircuitBreakerTripped", "TradingStateChanged"])
        #expect(h.engine.tradingState(.instrument("TEST")) == .halted)
        h.price("100")
        #expect(h.lastTypes.prefix(2) == ["CircuitBreakerReset", "TradingStateChanged"])
        #expect(h.engine.tradingState(.instrument("TEST")) == .active)
    }

    @Test("a broker disconnect halts the account until it reconnects")
    func disconnect() {
        let h = EngineHarness()
        h.handle(.timer)  // the first input starts the trading day
        h.handle(.broker(.connectionChanged(connected: false, at: h.clock.now)))
        #expect(h.lastTypes == ["CircuitBreakerTripped", "TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .halted)
        h.handle(.broker(.connectionChanged(connected: true, at: h.clock.now)))
        #expect(h.lastTypes == ["CircuitBreakerReset", "TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .active)
    }

    @Test("the kill switch halts, cancels every open order and flattens positions when asked")
    func killSwitch() {
        let h = EngineHarness(instruments: [Fixtures.test(), Fixtures.test("OTHER")])
        h.price("100")
        h.price("50", symbol: "OTHER")
        h.trade(.buy, "10", at: "100")
        h.trade(.sell, "4", at: "50", symbol: "OTHER")
        let open1 = h.submit(limitOrder(.buy, "1", at: "90"))?.order
        let open2 = h.submit(limitOrder(.sell, "1", at: "60", symbol: "OTHER"))?.order
        h.handle(.command(.activateKillSwitch(flatten: true, reason: "test")))
        #expect(h.lastTypes == ["KillSwitchActivated", "TradingStateChanged", "OrderCancelRequested",
                                "OrderCancelRequested", "OrderSubmitted", "OrderSubmitted"])
        #expect(Set(h.broker.cancelled.map(\.id)) == Set([open1?.id, open2?.id].compactMap { $0 }))
        let exits = h.broker.submitted.suffix(2)
        #expect(exits.map(\.side) == [.sell, .buy])
        #expect(exits.map(\.quantity) == [q("10"), q("4")])
        #expect(exits.allSatisfy { $0.request.reduceOnly && $0.isExit })
        #expect(h.submit(marketOrder(.buy, "1"))?.deniedReason == .tradingHalted)
    }
}
