import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Engine-managed stops")
struct StopTests {
    @Test("a trailing stop moves with the best price, emits StopUpdated each time, and fires on the way back")
    func trailing() throws {
        let h = EngineHarness()
        h.price("100")
        let entry = try #require(h.market(.buy, "10", bracket: Bracket(stopLoss: p("95"), trailingDistance: p("5"))))
        h.accept(entry.id)
        h.fill(entry, "10", at: "100")
        #expect(h.engine.stops("TEST")?.stopLoss == p("95"))
        h.bar(open: "100", high: "103", low: "99", close: "102")
        let moved = h.events(named: "StopUpdated").last
        if case .stopUpdated(let s) = moved { #expect(s.stops.stopLoss == p("98") && s.previousStop == p("95")) }
        h.bar(open: "102", high: "102.5", low: "100", close: "101")  // best stays 103: no move
        #expect(!h.lastTypes.contains("StopUpdated"))
        h.bar(open: "101", high: "106", low: "100", close: "105")
        #expect(h.engine.stops("TEST")?.stopLoss == p("101"))
        h.bar(open: "104", high: "104", low: "100.99", close: "101")
        #expect(h.lastTypes.starts(with: ["StopTriggered", "OrderSubmitted"]))
        let exit = try #require(h.broker.submitted.last)
        #expect(exit.side == .sell && exit.quantity == q("10") && exit.isExit)
        #expect(h.engine.stops("TEST")?.stopLoss == nil)
    }

    @Test("the stop is tested against the level from before the bar (no look-ahead)")
    func noLookAhead() throws {
        let h = EngineHarness()
        h.price("100")
        let entry = try #require(h.market(.buy, "1", bracket: Bracket(stopLoss: p("95"), trailingDistance: p("5"))))
        h.accept(entry.id)
        h.fill(entry, "1", at: "100")
        // This bar's high would trail the stop to 105, and its low is 96: not a stop-out.
        h.bar(open: "100", high: "110", low: "96", close: "108")
        #expect(!h.lastTypes.contains("StopTriggered"))
        #expect(h.engine.stops("TEST")?.stopLoss == p("105"))
    }

    @Test("a bracket is one-cancels-other: the take-profit firing disarms the stop-loss")
    func oco() throws {
        let h = EngineHarness()
        h.price("100")
        let entry = try #require(h.market(.buy, "2", bracket: Bracket(stopLoss: p("95"), takeProfit: p("110"))))
        h.accept(entry.id)
        h.fill(entry, "2", at: "100")
        h.bar(open: "100", high: "110", low: "99", close: "109")
        guard case .stopTriggered(let t) = h.lastEvents.first else { Issue.record("no trigger"); return }
        #expect(t.kind == .takeProfit)
        #expect(h.engine.stops("TEST") == PositionStops())
        h.bar(open: "90", high: "91", low: "80", close: "85")  // would hit the old stop
        #expect(!h.lastTypes.contains("StopTriggered"))
    }

    @Test("when a bar spans both exits the stop-loss is assumed first (conservative)")
    func bothInOneBar() throws {
        let h = EngineHarness()
        h.price("100")
        let entry = try #require(h.market(.sell, "1", bracket: Bracket(stopLoss: p("105"), takeProfit: p("95"))))
        h.accept(entry.id)
        h.fill(entry, "1", at: "100")
        h.bar(open: "100", high: "106", low: "94", close: "100")
        guard case .stopTriggered(let t) = h.lastEvents.first else { Issue.record("no trigger"); return }
        #expect(t.kind == .stopLoss)
        #expect(h.broker.submitted.last?.side == .buy)
    }
}

@Suite("Exit orders")
struct ExitOrderTests {
    @Test("a rejected stop exit no longer blocks signals or re-arming")
    func rejectedExitClears() throws {
        let h = EngineHarness()
        h.price("100")
        let entry = try #require(h.market(.buy, "1", bracket: Bracket(stopLoss: p("95"))))
        h.accept(entry.id)
        h.fill(entry, "1", at: "100")
        h.bar(open: "96", high: "96", low: "94", close: "95")
        let exit = try #require(h.broker.submitted.last)
        #expect(exit.isExit)
        h.handle(.broker(.rejected(exit.id, reason: "no", at: h.clock.now)))
        let flat = Signal(strategyID: "ext", symbol: "TEST", direction: .flat, timestamp: h.clock.now)
        let result = h.handle(.command(.submitSignal(flat))).result
        #expect(result?.order?.quantity == q("1"))
    }
}
