import Testing
import TradingEngine
import TradingModel
import TradingTesting

/// The pre-trade position check reads running totals of the open orders' unfilled quantity per
/// instrument and side instead of walking the open orders; these tests hold the totals to the walk.
@Suite("Open leaves totals")
struct OpenLeavesTotalsTests {
    static let symbols: [Symbol] = ["TEST", "OTHER"]
    static let limits = RiskLimits(defaults: InstrumentRiskLimits(maxPosition: Fixtures.quantity("60")))

    /// The walk the totals replaced.
    static func walked(_ engine: TradingEngine, _ symbol: Symbol, _ side: OrderSide) -> Quantity {
        var raw: Int64 = 0
        for o in engine.openOrders where o.symbol == symbol && o.side == side { raw &+= o.leavesQuantity.raw }
        return Quantity(raw: raw)
    }

    static func expectMatchesWalk(_ engine: TradingEngine, _ context: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        for symbol in symbols {
            for side in OrderSide.allCases {
                #expect(engine.openLeaves(symbol, side: side) == walked(engine, symbol, side),
                        "\(context): \(symbol) \(side)", sourceLocation: sourceLocation)
            }
        }
    }

    static func harness(clock: TestClock = TestClock(), firstOrderID: UInt64 = 1) -> EngineHarness {
        EngineHarness(instruments: symbols.map { Fixtures.test($0) }, limits: limits, cash: Fixtures.money("10000000"),
                      clock: clock, firstOrderID: firstOrderID)
    }

    @Test("random submits, fills, cancels, replaces, rejects and a restart keep the totals equal to a walk",
          arguments: [1, 7, 42, 2026] as [UInt64])
    func randomSequences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let live = Self.harness()
        for s in Self.symbols { live.price("100", symbol: s) }
        var snapshot: EngineSnapshot?
        var eventsAtSnapshot = 0
        var denials = 0
        for step in 0..<400 {
            let open = live.engine.openOrders
            let pick = open.isEmpty ? nil : open[Int(rng.next(below: UInt64(open.count)))]
            switch rng.next(below: 8) {
            case 0, 1:
                let symbol = Self.symbols[Int(rng.next(below: 2))]
                let side: OrderSide = rng.next(below: 2) == 0 ? .buy : .sell
                let qty = 1 + rng.next(below: 20)
                let px = 95 + rng.next(below: 11)
                let result = live.submit(OrderRequest(symbol: symbol, side: side, type: .limit, quantity: Fixtures.quantity("\(qty)"),
                                                      limitPrice: Fixtures.price("\(px)")))
                if case .denied = result { denials += 1 }
            case 2:
                if let pick, pick.status == .pendingNew { live.accept(pick.id) }
            case 3:
                // A partial or complete fill of what is left.
                if let pick, pick.status == .accepted || pick.status == .partiallyFilled {
                    let leaves = pick.leavesQuantity.raw / FixedPoint.scale
                    let qty = leaves > 1 && rng.next(below: 2) == 0 ? 1 + Int64(rng.next(below: UInt64(leaves - 1))) : leaves
                    live.fill(pick, "\(qty)", at: "100")
                }
            case 4:
                if let pick {
                    live.handle(.command(.cancelOrder(pick.id)))
                    if rng.next(below: 2) == 0 { live.handle(.broker(.cancelled(pick.id, at: live.clock.now))) }
                }
            case 5:
                if let pick {
                    let qty = 1 + rng.next(below: 40)
                    let result = live.handle(.command(.replaceOrder(pick.id, quantity: Fixtures.quantity("\(qty)"),
                                                                    limitPrice: nil, triggerPrice: nil,
                                                                    clientOrderID: nil))).result
                    if case .denied = result { denials += 1 }
                }
            case 6:
                if let pick, pick.status == .pendingNew {
                    live.handle(.broker(.rejected(pick.id, reason: "test", at: live.clock.now)))
                }
            default:
                if let pick, pick.status == .pendingCancel { live.handle(.broker(.cancelled(pick.id, at: live.clock.now))) }
            }
            Self.expectMatchesWalk(live.engine, "seed \(seed) step \(step)")
            if step == 200 {
                snapshot = live.engine.snapshot()
                eventsAtSnapshot = live.events.count
            }
        }
        #expect(denials > 0, "the position limit was never reached: the test would not exercise the totals")
        #expect(!live.engine.openOrders.isEmpty)

        // Restart from the snapshot plus the journal tail, and by a full replay.
        let snap = try #require(snapshot)
        let restored = Self.harness(clock: TestClock(live.clock.now), firstOrderID: snap.nextOrderID)
        restored.engine.restore(from: snap)
        Self.expectMatchesWalk(restored.engine, "seed \(seed) after restore")
        restored.engine.rebuild(from: live.events[eventsAtSnapshot...])
        Self.expectMatchesWalk(restored.engine, "seed \(seed) after restore + tail")
        let replayed = Self.harness(clock: TestClock(live.clock.now))
        replayed.engine.rebuild(from: live.events)
        Self.expectMatchesWalk(replayed.engine, "seed \(seed) after full replay")
        for symbol in Self.symbols {
            for side in OrderSide.allCases {
                #expect(restored.engine.openLeaves(symbol, side: side) == live.engine.openLeaves(symbol, side: side))
                #expect(replayed.engine.openLeaves(symbol, side: side) == live.engine.openLeaves(symbol, side: side))
            }
        }
    }

    @Test("a replacement is judged without the order it replaces; a new order with it")
    func replaceExcludesTheOldOrder() throws {
        let h = Self.harness()
        h.price("100")
        let first = try #require(h.submit(limitOrder(.buy, "50", at: "100"))?.order)
        h.accept(first.id)
        #expect(h.engine.openLeaves("TEST", side: .buy) == Fixtures.quantity("50"))
        // 50 open + 20 new > 60: denied.
        guard case .denied(_, let reason, _) = h.submit(limitOrder(.buy, "20", at: "100")) else {
            Issue.record("expected a position-limit denial")
            return
        }
        #expect(reason == .maxPosition)
        // Replacing the 50 by 55 leaves 55 ≤ 60: allowed, and the totals follow.
        let replaced = h.handle(.command(.replaceOrder(first.id, quantity: Fixtures.quantity("55"), limitPrice: nil,
                                                       triggerPrice: nil, clientOrderID: nil))).result
        guard case .order(let replacement) = replaced else {
            Issue.record("replacement refused: \(String(describing: replaced))")
            return
        }
        #expect(h.engine.openLeaves("TEST", side: .buy) == Self.walked(h.engine, "TEST", .buy))
        h.handle(.broker(.cancelled(first.id, at: h.clock.now)))
        #expect(h.engine.openLeaves("TEST", side: .buy) == Fixtures.quantity("55"))
        #expect(h.engine.openLeaves("TEST", side: .sell) == .zero)
        #expect(h.engine.order(replacement.id)?.leavesQuantity == Fixtures.quantity("55"))
        #expect(h.engine.openLeaves("NOPE", side: .buy) == nil)
    }
}
