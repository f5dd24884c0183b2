import Testing
import TradingEngine
import TradingModel
import TradingTesting

private func flatBar(_ day: Int, _ price: String, high: String? = nil, low: String? = nil) -> Bar {
    let t = Timestamp(nanoseconds: Int64(day) * Timestamp.nanosPerDay)
    return Bar(symbol: "TEST", timestamp: t, open: p(price), high: p(high ?? price), low: p(low ?? price), close: p(price),
               volume: q("100"))
}

private let noPosition = StrategyContext(position: .zero, atr: nil)

@Suite("Strategies and signals")
struct StrategyTests {
    @Test("SMA crossover is silent while warming up and signals only on a real cross")
    func smaWarmUp() throws {
        let s = try SMACrossover(symbol: "TEST", fast: 2, slow: 3, allowShort: false)
        let closes = ["10", "11", "12", "13", "12", "10", "9"]
        let signals = closes.enumerated().map { s.onBar(flatBar($0.offset, $0.element), context: noPosition)?.direction }
        // Fast is above slow from the third bar on (no signal: no previous relation), then crosses below on 10.
        #expect(signals == [nil, nil, nil, nil, nil, .flat, nil])
    }

    @Test("strategy parameters that cannot work are refused", arguments: [(0, 5), (5, 5), (6, 5)])
    func smaParameters(fast: Int, slow: Int) {
        #expect(throws: StrategyConfigError.self) { try SMACrossover(symbol: "TEST", fast: fast, slow: slow) }
    }

    @Test("Donchian breakout signals a close beyond the previous channel, with a trailing stop")
    func donchian() throws {
        let s = try DonchianBreakout(symbol: "TEST", period: 3)
        var out: [Signal.Direction?] = []
        for (k, (c, h, l)) in [("10", "11", "9"), ("10", "11", "9"), ("10", "11", "9"), ("11", "11", "10"),
                               ("11.5", "11.5", "10"), ("8", "10", "8")].enumerated() {
            let signal = s.onBar(flatBar(k, c, high: h, low: l), context: noPosition)
            if let signal { #expect(signal.trailingStop) }
            out.append(signal?.direction)
        }
        // 11 is not above the channel high 11; 11.5 is; 8 is below the channel low 9.
        #expect(out == [nil, nil, nil, nil, .long, .short])
        #expect(throws: StrategyConfigError.self) { try DonchianBreakout(symbol: "TEST", period: 1) }
    }

    @Test("an external signal is sized from ATR and equity and goes through risk like any order")
    func externalSignal() throws {
        let h = EngineHarness(limits: RiskLimits(riskPerTradeBasisPoints: 100, atrPeriod: 2, stopATRMultiple: q("2")),
                              cash: m("10000"))
        h.bar(open: "100", high: "101", low: "99", close: "100")  // TR 2
        h.bar(open: "100", high: "102", low: "100", close: "100")  // TR 2 → ATR 2
        let long = Signal(strategyID: "ext", symbol: "TEST", direction: .long, timestamp: h.clock.now)
        let result = h.handle(.command(.submitSignal(long))).result
        // risk 100 / (2 × ATR 2 = 4) = 25 units; stop at 100 − 4.
        let order = try #require(result?.order)
        #expect(order.quantity == q("25") && order.side == .buy)
        #expect(order.request.bracket?.stopLoss == p("96"))
        #expect(h.lastTypes == ["SignalReceived", "OrderSubmitted"])
        h.accept(order.id)
        h.fill(order, "25", at: "100")
        h.handle(.command(.submitSignal(long)))
        #expect(h.lastTypes == ["SignalReceived", "SignalIgnored"])
        h.handle(.command(.setTradingState(.account, .halted, reason: "test")))
        let denied = h.handle(.command(.submitSignal(Signal(strategyID: "ext", symbol: "TEST", direction: .short,
                                                            timestamp: h.clock.now)))).result
        #expect(denied?.deniedReason == .tradingHalted)
        h.handle(.command(.setTradingState(.account, .reducing, reason: "test")))
        let close = h.handle(.command(.submitSignal(Signal(strategyID: "ext", symbol: "TEST", direction: .flat,
                                                           timestamp: h.clock.now)))).result
        #expect(close?.order?.quantity == q("25"))
        #expect(close?.order?.request.reduceOnly == true)
    }

    @Test("sizing is capped by leverage and truncated to the lot")
    func leverageCap() throws {
        let h = EngineHarness(limits: RiskLimits(riskPerTradeBasisPoints: 500, maxLeverage: q("1")), cash: m("1000"))
        h.price("300")
        let signal = Signal(strategyID: "ext", symbol: "TEST", direction: .long, timestamp: h.clock.now,
                            stopDistance: p("1"))
        let order = try #require(h.handle(.command(.submitSignal(signal))).result?.order)
        #expect(order.quantity == q("3"))  // risk says 50, leverage 1 allows 1000 / 300 = 3.33 → 3
    }
}
