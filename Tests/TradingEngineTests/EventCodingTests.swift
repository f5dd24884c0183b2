import Foundation
import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Events are persistable")
struct EventCodingTests {
    @Test("every event of a busy session survives a JSON round trip and rebuilds the same state")
    func roundTrip() throws {
        let h = EngineHarness(limits: RiskLimits(maxConsecutiveRejections: 1, staleDataAfter: .seconds(10),
                                                 ackTimeout: .seconds(1), fillTimeout: .seconds(5)))
        h.price("100")
        let a = try #require(h.market(.buy, "3", client: "a", bracket: Bracket(stopLoss: p("90"), trailingDistance: p("5"))))
        h.accept(a.id)
        h.fill(a, "3", at: "100", commission: "0.5")
        h.bar(open: "100", high: "110", low: "99", close: "108")
        h.submit(marketOrder(.buy, "1000000000"))
        let b = try #require(h.submit(limitOrder(.sell, "1", at: "120"))?.order)
        h.handle(.broker(.rejected(b.id, reason: "no", at: h.clock.now)))
        h.handle(.command(.resetCircuitBreaker(.consecutiveRejections, .account)))
        h.clock.advance(by: .seconds(11))
        h.handle(.timer)
        h.handle(.command(.activateKillSwitch(flatten: true, reason: "drill")))
        h.handle(.command(.updateRiskLimits(RiskLimits(maxOpenOrders: 3))))
        let names = Set(h.events.map(\.event.typeName))
        #expect(names.count >= 12)
        let data = try JSONEncoder().encode(h.events)
        let decoded = try JSONDecoder().decode([SequencedEvent].self, from: data)
        #expect(decoded == h.events)
        let copy = EngineHarness()
        copy.engine.rebuild(from: decoded)
        #expect(copy.engine.allOrders == h.engine.allOrders)
        // Marks (last price) are market data, re-warmed by the next bar; the books must match.
        #expect(copy.engine.positions.map { [$0.quantity.raw, $0.costBasis.raw, $0.realizedPnL.raw, $0.commissions.raw] }
                == h.engine.positions.map { [$0.quantity.raw, $0.costBasis.raw, $0.realizedPnL.raw, $0.commissions.raw] })
        #expect(copy.engine.cash == h.engine.cash)
        #expect(copy.engine.limits == h.engine.limits)
        let snapshot = try JSONDecoder().decode(EngineSnapshot.self, from: try JSONEncoder().encode(h.engine.snapshot()))
        #expect(snapshot == h.engine.snapshot())
    }
}
