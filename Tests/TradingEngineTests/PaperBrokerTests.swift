import Testing
import TradingEngine
import TradingModel
import TradingTesting

private let t0 = Timestamp(nanoseconds: 1_700_000_000_000_000_000)

private func bar(_ minutes: Int64, _ o: String, _ h: String, _ l: String, _ c: String, volume: String = "1000") -> Bar {
    Bar(symbol: "TEST", timestamp: t0.advanced(by: .minutes(minutes)), open: p(o), high: p(h), low: p(l), close: p(c),
        volume: q(volume))
}

private func order(_ id: UInt64, _ side: OrderSide, _ type: OrderType, _ qty: String, limit: String? = nil,
                   trigger: String? = nil, offset: String? = nil, tif: TimeInForce = .gtc) -> Order {
    Order(id: OrderID(id), request: OrderRequest(symbol: "TEST", side: side, type: type, quantity: q(qty),
                                                 limitPrice: limit.map(p), triggerPrice: trigger.map(p),
                                                 trailingOffset: offset.map(p), timeInForce: tif), createdAt: t0)
}

/// Submits at t0, runs the bars, returns all reports.
private func run(_ orders: [Order], _ bars: [Bar], config: PaperBrokerConfig = PaperBrokerConfig(ackLatency: .milliseconds(10))) -> [BrokerReport] {
    var broker = PaperBroker(instruments: [Fixtures.test()], config: config)
    for o in orders { broker.submit(o, at: t0) }
    var out: [BrokerReport] = []
    for b in bars {
        broker.marketData(b)
        broker.pollReports(upTo: b.timestamp, into: &out)
    }
    return out
}

private func fills(_ reports: [BrokerReport]) -> [(String, String)] {
    reports.compactMap { if case .filled(let f) = $0 { return (f.quantity.description, f.price.description) } else { return nil } }
}

@Suite("Paper broker simulation")
struct PaperBrokerTests {
    @Test("acknowledgement after the latency; a market order fills at the next bar's open plus slippage")
    func market() {
        let r = run([order(1, .buy, .market, "5")], [bar(1, "100", "101", "99", "100.5")],
                    config: PaperBrokerConfig(ackLatency: .milliseconds(10), slippageTicks: 2))
        guard case .accepted(let id, let at) = r.first else { Issue.record("no ack"); return }
        #expect(id == OrderID(1) && at == t0.advanced(by: .milliseconds(10)))
        #expect(fills(r).map(\.1) == ["100.02"])
    }

    @Test("limit orders fill only when the bar trades through the limit, or at a better open", arguments: [
        ("99", "100", "101", "98.5", "99"),   // low through the limit: fill at the limit
        ("99", "100", "101", "99", nil),      // only touches: no fill (conservative)
        ("99", "98", "99", "97", "98"),       // gaps below: fill at the better open
    ] as [(String, String, String, String, String?)])
    func limit(limit: String, open: String, high: String, low: String, expected: String?) {
        let r = run([order(1, .buy, .limit, "1", limit: limit)], [bar(1, open, high, low, low)])
        #expect(fills(r).first?.1 == expected)
    }

    @Test("stop orders trigger at the stop, or at the open on a gap, with slippage", arguments: [
        ("105", "100", "106", "99", "105.01"),
        ("105", "107", "108", "106", "107.01"),
        ("105", "100", "104.99", "99", nil),
    ] as [(String, String, String, String, String?)])
    func stop(trigger: String, open: String, high: String, low: String, expected: String?) {
        let r = run([order(1, .buy, .stop, "1", trigger: trigger)], [bar(1, open, high, low, open)],
                    config: PaperBrokerConfig(ackLatency: .milliseconds(10), slippageTicks: 1))
        #expect(fills(r).first?.1 == expected)
    }

    @Test("a stop-limit triggered inside a bar works as a limit only from the next bar")
    func stopLimit() {
        let r = run([order(1, .buy, .stopLimit, "1", limit: "105.5", trigger: "105")],
                    [bar(1, "100", "106", "99", "105"), bar(2, "105.2", "105.4", "104", "105")])
        #expect(fills(r).map(\.1) == ["105.2"])
        #expect(fills(r).count == 1)
    }

    @Test("participation caps each fill at a share of bar volume; the rest fills on later bars")
    func participation() {
        let r = run([order(1, .buy, .market, "250")],
                    [bar(1, "100", "100", "100", "100"), bar(2, "101", "101", "101", "101"), bar(3, "102", "102", "102", "102")],
                    config: PaperBrokerConfig(ackLatency: .milliseconds(10), participationBasisPoints: 1_000))
        #expect(fills(r).map(\.0) == ["100", "100", "50"])
        #expect(fills(r).map(\.1) == ["100", "101", "102"])
    }

    @Test("IOC cancels the rest after its first bar; FOK cancels unless it all fits")
    func iocFok() {
        let cfg = PaperBrokerConfig(ackLatency: .milliseconds(10), participationBasisPoints: 1_000)
        let ioc = run([order(1, .buy, .market, "250", tif: .ioc)], [bar(1, "100", "100", "100", "100")], config: cfg)
        #expect(fills(ioc).map(\.0) == ["100"])
        #expect(ioc.contains(.cancelled(OrderID(1), at: t0.advanced(by: .minutes(1)))))
        let fok = run([order(1, .buy, .market, "250", tif: .fok)], [bar(1, "100", "100", "100", "100")], config: cfg)
        #expect(fills(fok).isEmpty)
        #expect(fok.contains(.cancelled(OrderID(1), at: t0.advanced(by: .minutes(1)))))
    }

    @Test("DAY orders expire when the UTC day changes")
    func day() {
        let r = run([order(1, .buy, .limit, "1", limit: "50", tif: .day)], [bar(1, "100", "100", "100", "100"),
                                                                          bar(60 * 24, "100", "100", "100", "100")])
        #expect(r.contains { if case .expired = $0 { return true } else { return false } })
    }

    @Test("a trailing stop trails completed bars and triggers on the way back")
    func trailingStop() {
        let r = run([order(1, .sell, .trailingStop, "1", trigger: "95", offset: "5")],
                    [bar(1, "100", "104", "99", "103"), bar(2, "103", "110", "103", "109"), bar(3, "108", "108", "104", "105")])
        #expect(fills(r).map(\.1) == ["105"])
    }

    @Test("rejections and fills are reproducible from the seed")
    func seeded() {
        let cfg = PaperBrokerConfig(seed: 7, ackLatency: .milliseconds(10), rejectBasisPoints: 3_000)
        let orders = (1...200).map { order(UInt64($0), .buy, .market, "1") }
        let a = run(orders, [bar(1, "100", "100", "100", "100")], config: cfg)
        let b = run(orders, [bar(1, "100", "100", "100", "100")], config: cfg)
        #expect(a == b)
        let rejected = a.filter { if case .rejected = $0 { return true } else { return false } }.count
        #expect(rejected > 30 && rejected < 90)
    }

    @Test("commission is a rate of notional, rounded to cents, with a minimum")
    func commission() {
        let cfg = PaperBrokerConfig(ackLatency: .milliseconds(10), commissionBasisPoints: q("1"), minimumCommission: m("0.5"))
        let r = run([order(1, .buy, .market, "333"), order(2, .buy, .market, "1")], [bar(1, "100.01", "101", "99", "100")],
                    config: cfg)
        let fees = r.compactMap { if case .filled(let f) = $0 { return f.commission } else { return nil } }
        #expect(fees == [m("3.33"), m("0.5")])  // 33 303.33 × 0.0001 = 3.330333 → 3.33
    }

    @Test("cancelling a working order reports CANCELLED; an unknown one CANCEL_REJECTED")
    func cancel() {
        var broker = PaperBroker(instruments: [Fixtures.test()])
        let o = order(1, .buy, .limit, "1", limit: "90")
        broker.submit(o, at: t0)
        broker.cancel(o, at: t0)
        broker.cancel(order(2, .buy, .market, "1"), at: t0)
        var out: [BrokerReport] = []
        broker.pollReports(upTo: t0.advanced(by: .seconds(1)), into: &out)
        #expect(out.count == 3)
        #expect(out[1] == .cancelled(OrderID(1), at: t0.advanced(by: .milliseconds(20))))
        if case .cancelRejected(let id, _, _) = out[2] { #expect(id == OrderID(2)) } else { Issue.record("expected cancel reject") }
    }
}
