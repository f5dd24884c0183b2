import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Trading states and drawdown controls")
struct TradingStateTests {
    @Test("ACTIVE → REDUCING allows only reducing orders → HALTED allows nothing → ACTIVE again")
    func transitions() {
        let h = EngineHarness()
        h.price("100")
        h.trade(.buy, "10", at: "100")
        h.handle(.command(.setTradingState(.account, .reducing, reason: "test")))
        #expect(h.lastTypes == ["TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .reducing)
        #expect(h.submit(marketOrder(.buy, "1"))?.deniedReason == .tradingReducing)
        #expect(h.submit(marketOrder(.sell, "11"))?.deniedReason == .tradingReducing)
        #expect(h.submit(marketOrder(.sell, "4"))?.order != nil)
        h.handle(.command(.setTradingState(.instrument("TEST"), .halted, reason: "test")))
        #expect(h.engine.tradingState(.instrument("TEST")) == .halted)
        #expect(h.submit(marketOrder(.sell, "1"))?.deniedReason == .tradingHalted)
        h.handle(.command(.setTradingState(.instrument("TEST"), .active, reason: "resume")))
        h.handle(.command(.setTradingState(.account, .active, reason: "resume")))
        #expect(h.engine.tradingState(.account) == .active)
        #expect(h.submit(marketOrder(.buy, "1"))?.order != nil)
    }

    @Test("halting a scope cancels its open orders")
    func haltCancels() {
        let h = EngineHarness()
        h.price("100")
        let a = h.submit(limitOrder(.buy, "1", at: "99"))?.order
        let b = h.submit(limitOrder(.buy, "1", at: "98"))?.order
        h.handle(.command(.setTradingState(.account, .halted, reason: "admin")))
        #expect(h.lastTypes == ["TradingStateChanged", "OrderCancelRequested", "OrderCancelRequested"])
        #expect(h.broker.cancelled.map(\.id) == [a?.id, b?.id].compactMap { $0 })
    }

    @Test("the daily loss limit halts with LimitBreached and lifts on the next UTC day")
    func dailyLoss() {
        let h = EngineHarness(limits: RiskLimits(dailyLossLimit: m("100"), dailyLossAction: .halted))
        h.price("100")
        h.trade(.buy, "10", at: "100")
        h.price("90.01")  // loss 99.90: under the limit
        #expect(h.engine.tradingState(.account) == .active)
        h.price("90.00")  // loss exactly 100: at the limit trips
        #expect(h.lastTypes == ["LimitBreached", "TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .halted)
        h.clock.advance(by: .days(1))
        h.handle(.timer)
        #expect(h.lastTypes == ["TradingDayStarted", "TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .active)
    }

    @Test("max drawdown from peak equity switches the account to REDUCING")
    func drawdown() {
        let h = EngineHarness(limits: RiskLimits(maxDrawdownBasisPoints: 100, drawdownAction: .reducing),
                              cash: m("10000"))
        h.price("100")
        h.trade(.buy, "10", at: "100")
        h.price("110")   // equity 10100 = new peak
        h.price("99.91") // 10100 − 101 + ... = 9999.1: drawdown 100.1 < 101 (1 % of the peak)
        #expect(h.engine.tradingState(.account) == .active)
        h.price("99.90") // equity 9999: drawdown exactly 1 %
        #expect(h.lastTypes == ["LimitBreached", "TradingStateChanged"])
        #expect(h.engine.tradingState(.account) == .reducing)
        if case .limitBreached(let l) = h.lastEvents.first { #expect(l.limit == .maxDrawdown && l.value == "100") }
    }

    @Test("restrictions from different sources combine: lifting one keeps the other")
    func sourcesCombine() {
        let h = EngineHarness()
        h.handle(.command(.setTradingState(.account, .reducing, reason: "admin")))
        h.handle(.command(.activateKillSwitch(flatten: false, reason: "panic")))
        #expect(h.engine.tradingState(.account) == .halted)
        h.handle(.command(.resetKillSwitch))
        #expect(h.engine.tradingState(.account) == .reducing)
    }
}
