import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Portfolio properties through the engine")
struct PortfolioPropertyTests {
    @Test("random sessions: equity change = realized + unrealized − commissions, position = Σ fills",
          arguments: [7, 21, 99, 2024] as [UInt64])
    func property(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let h = EngineHarness(instruments: [Fixtures.eurusd()], cash: m("1000000"))
        var price: Int64 = 110_000_000  // 1.10000
        var net: Int64 = 0
        for _ in 0..<300 {
            price = max(50_000_000, price + (Int64(rng.next(below: 41)) - 20) * 1_000)
            let px = Price(raw: price).description
            h.price(px, symbol: "EURUSD")
            let qty = Int64(1 + rng.next(below: 50_000))
            let side: OrderSide = rng.next(below: 2) == 0 ? .buy : .sell
            let fee = Money(raw: Int64(rng.next(below: 500)) * 1_000_000).description
            guard let o = h.market(side, "\(qty)", symbol: "EURUSD") else { Issue.record("denied"); return }
            h.accept(o.id)
            // Sometimes in two partial fills at different prices.
            if qty > 1, rng.next(below: 3) == 0 {
                h.fill(o, "\(qty / 2)", at: px, commission: fee)
                h.fill(o, "\(qty - qty / 2)", at: Price(raw: price + 1_000).description)
            } else {
                h.fill(o, "\(qty)", at: px, commission: fee)
            }
            net += side == .buy ? qty : -qty
            let pf = h.engine.portfolio
            let change = Int128(pf.equity.raw) - Int128(m("1000000").raw)
            #expect(change == Int128(pf.realizedPnL.raw) + Int128(pf.unrealizedPnL.raw) - Int128(pf.commissions.raw))
            #expect(h.engine.position("EURUSD")?.quantity == Quantity(raw: net * FixedPoint.scale))
        }
        // Flatten: nothing unrealized remains and cash alone carries the result.
        if net != 0 {
            h.trade(net > 0 ? .sell : .buy, "\(abs(net))", at: Price(raw: price).description, symbol: "EURUSD")
        }
        let pf = h.engine.portfolio
        #expect(pf.unrealizedPnL == .zero && pf.grossExposure == .zero)
        #expect(pf.equity == pf.cash)
        #expect(Int128(pf.cash.raw) - Int128(m("1000000").raw) == Int128(pf.realizedPnL.raw) - Int128(pf.commissions.raw))
    }
}
