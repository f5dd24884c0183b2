import Testing
import TradingEngine
import TradingModel
import TradingTesting

@Suite("Deferred snapshot capture")
struct RetainedOrdersTests {
    /// Submits, accepts, fills or cancels orders so that the engine holds open and finished
    /// orders, fills with trade ids, and evicts beyond its retention.
    private func drive(_ h: EngineHarness, orders: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        h.price("100")
        for _ in 0..<orders {
            guard case .order(let o)? = h.submit(limitOrder(rng.next(below: 2) == 0 ? .buy : .sell, "1", at: "100")) else {
                continue
            }
            switch rng.next(below: 4) {
            case 0: break                                  // left pending
            case 1: h.accept(o.id)                         // open
            case 2: h.accept(o.id); h.fill(o, "1", at: "100")
            default: h.accept(o.id); h.handle(.command(.cancelOrder(o.id))); h.handle(.broker(.cancelled(o.id, at: h.clock.now)))
            }
        }
    }

    @Test("capture, keep trading, complete: equals the snapshot taken at capture time")
    func deferredEqualsImmediate() {
        let h = EngineHarness(limits: RiskLimits(maxOpenOrders: 10_000), orderRetention: 700)
        drive(h, orders: 1_500, seed: 7)
        let expected = h.engine.snapshot()
        var (deferred, retained) = h.engine.snapshotDeferringOrders()
        #expect(deferred.orders.isEmpty && deferred.tradeIDs.isEmpty && deferred.finishedOrderIDs.isEmpty)
        drive(h, orders: 1_500, seed: 8)                    // writes, evicts, restores nothing
        retained.complete(&deferred)
        #expect(deferred == expected)
        #expect(retained.count == expected.orders.count)
        #expect(!expected.tradeIDs.isEmpty && !expected.finishedOrderIDs.isEmpty)
        #expect(expected.orders.map(\.id) == expected.orders.map(\.id).sorted())
    }

    @Test("journal sequences are kept for retained orders only and evicted with them")
    func journalSequencesFollowRetention() throws {
        let h = EngineHarness(orderRetention: 2)
        h.price("100")
        var ids: [OrderID] = []
        for k in 0..<4 {
            let o = try #require(h.market(.buy, "1"))
            h.engine.setJournalSequence(Int64(100 + k), of: o.id)
            h.accept(o.id)
            h.fill(o, "1", at: "100")
            ids.append(o.id)
        }
        // Retention 2: the two oldest finished orders are gone, and so are their sequences.
        #expect(h.engine.journalSequence(of: ids[0]) == nil)
        #expect(h.engine.journalSequence(of: ids[1]) == nil)
        #expect(h.engine.journalSequence(of: ids[2]) == 102)
        #expect(h.engine.journalSequence(of: ids[3]) == 103)
        h.engine.setJournalSequence(5, of: ids[0])          // not retained: ignored
        #expect(h.engine.journalSequence(of: ids[0]) == nil)
        let (_, retained) = h.engine.snapshotDeferringOrders()
        #expect(retained.journalSequencesInIDOrder.map(\.0) == [ids[2], ids[3]])
        #expect(retained.journalSequencesInIDOrder.map(\.1) == [102, 103])
        // A restore starts from the snapshot's orders with no sequences of its own.
        let restored = EngineHarness(firstOrderID: h.engine.snapshot().nextOrderID, orderRetention: 2)
        restored.engine.restore(from: h.engine.snapshot())
        #expect(restored.engine.journalSequence(of: ids[3]) == nil)
        #expect(restored.engine.allOrders == h.engine.allOrders)
    }
}
