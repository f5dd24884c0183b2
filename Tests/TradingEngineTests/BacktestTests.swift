import Testing
import TradingEngine
import TradingModel
import TradingTesting

private func fixturePath(_ name: String, filePath: String = #filePath) -> String {
    var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast()
    return parts.joined(separator: "/") + "/Fixtures/" + name
}

/// Reads a file with the C library only (the tests import no Foundation).
func readText(_ path: String) -> String? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

#if canImport(Glibc)
import Glibc
#endif

private func loadBars(_ file: String, symbol: Symbol) throws -> [Bar] {
    let path = Fixtures.marketDataPath(file)
    let text = try #require(readText(path))
    return try BarCSVParser.parse(text, symbol: symbol, source: file)
}

private func standardBacktest(_ instrument: Instrument) -> Backtest {
    Backtest(instrument: instrument,
             limits: RiskLimits(riskPerTradeBasisPoints: 100, atrPeriod: 14, maxLeverage: q("5"), ackTimeout: .seconds(5),
                                fillTimeout: .days(7)),
             initialCash: m("100000"),
             broker: PaperBrokerConfig(seed: 42, ackLatency: .milliseconds(20), slippageTicks: 1, commissionBasisPoints: q("1")))
}

@Suite("Backtests and replay determinism")
struct BacktestTests {
    @Test("SMA crossover trades on a small fixture match the hand calculation")
    func smaByHand() throws {
        let text = try #require(readText(fixturePath("sma_small.csv")))
        let bars = try BarCSVParser.parse(text, symbol: "TEST", source: "sma_small.csv")
        let instrument = Fixtures.test()
        let backtest = Backtest(instrument: instrument,
                                limits: RiskLimits(riskPerTradeBasisPoints: 100, atrPeriod: 2),
                                initialCash: m("10000"), broker: PaperBrokerConfig(ackLatency: .milliseconds(20)))
        let clock = ReplayClock()
        let sink = RecordingSink()
        let engine = TradingEngine(instruments: [instrument], limits: backtest.limits, initialCash: backtest.initialCash,
                                   clock: clock, ids: SequentialOrderIDs(),
                                   strategies: [try SMACrossover(symbol: "TEST", fast: 2, slow: 3)])
        var runner = EngineRunner(engine: engine, broker: PaperBroker(instruments: [instrument], config: backtest.broker),
                                  sink: sink, clock: clock)
        for b in bars { runner.replay(b) }
        let fills = sink.events.compactMap { e -> Fill? in if case .orderFilled(let f) = e.event { return f.fill } else { return nil } }
        // Bar 5 (close 12) crosses up: ATR(2) = (1 + 3) / 2 = 2, stop 4, risk 1 % of 10 000 = 100 → 25 units,
        // filled at bar 6's open 13. Bar 7 (close 9) crosses down: equity 9 900, ATR (1 + 4) / 2 = 2.5, stop 5,
        // 99 / 5 → 19 units short plus 25 to close = 44, filled at bar 8's open 10.
        #expect(fills.map(\.side) == [.buy, .sell])
        #expect(fills.map(\.quantity) == [q("25"), q("44")])
        #expect(fills.map(\.price) == [p("13"), p("10")])
        #expect(fills.map(\.timestamp) == [bars[5].timestamp, bars[7].timestamp])
        #expect(engine.position("TEST")?.quantity == q("-19"))
        #expect(engine.position("TEST")?.realizedPnL == m("-75"))  // 25 × (10 − 13)
        #expect(engine.stops("TEST")?.stopLoss == p("14"))       // 9 + 5
        let report = backtest.run(bars: bars, strategy: try SMACrossover(symbol: "TEST", fast: 2, slow: 3)).report
        #expect(report.trades == 1 && report.wins == 0)
        #expect(report.finalEquity == m("9925"))  // 10 000 − 75, short 19 marked at its entry
    }

    @Test("EURUSD hourly bars run end to end through the SMA strategy", arguments: ["sma", "breakout"])
    func eurusd(strategy: String) throws {
        let bars = try loadBars("EURUSD.csv", symbol: "EURUSD")
        #expect(bars.count == 5000)
        let s: any Strategy = strategy == "sma" ? try SMACrossover(symbol: "EURUSD", fast: 10, slow: 30)
            : try DonchianBreakout(symbol: "EURUSD", period: 20)
        let r = standardBacktest(Fixtures.eurusd()).run(bars: bars, strategy: s).report
        #expect(r.bars == 5000)
        #expect(r.trades > 10)
        #expect(r.fills >= r.trades)
        #expect(r.fees.isPositive)
        #expect(r.maxDrawdown > 0 && r.maxDrawdown < 1)
        if strategy == "breakout" { #expect(r.stopUpdates > 0) }
    }

    @Test("GOOG daily bars run end to end", arguments: ["sma", "breakout"])
    func goog(strategy: String) throws {
        let bars = try loadBars("GOOG.csv", symbol: "GOOG")
        #expect(bars.count == 2148)
        let s: any Strategy = strategy == "sma" ? try SMACrossover(symbol: "GOOG", fast: 10, slow: 30)
            : try DonchianBreakout(symbol: "GOOG", period: 20)
        let r = standardBacktest(Fixtures.goog()).run(bars: bars, strategy: s).report
        #expect(r.trades > 10)
        #expect(r.finalEquity.isPositive)
    }

    @Test("the same replay twice yields the same event stream hash")
    func determinism() throws {
        let bars = try loadBars("EURUSD.csv", symbol: "EURUSD")
        let bt = standardBacktest(Fixtures.eurusd())
        let a = bt.run(bars: bars, strategy: try DonchianBreakout(symbol: "EURUSD", period: 20)).report
        let b = bt.run(bars: bars, strategy: try DonchianBreakout(symbol: "EURUSD", period: 20)).report
        #expect(a.events > 100)
        #expect(a.eventHash == b.eventHash)
        #expect(a.finalEquity == b.finalEquity)
        var other = bt
        other.broker.seed = 43
        other.broker.rejectBasisPoints = 500
        let c = other.run(bars: bars, strategy: try DonchianBreakout(symbol: "EURUSD", period: 20)).report
        #expect(c.eventHash != a.eventHash)
    }
}

@Suite("Bar CSV parsing")
struct BarCSVParserTests {
    static let header = ",Open,High,Low,Close,Volume\n"

    @Test("bad data is refused with the file, the line and the problem", arguments: [
        ("Open,High,Low,Close,Volume\n", 1, "bad header"),
        (",Open,High,Low,Close\n2024-01-01,1,1,1,1\n", 1, "missing column(s) Volume"),
        (header + "2024-01-01,1,2,1,1,5\n2024-01-02,1,2,1,x,5\n", 3, "unparsable number 'x' in column Close"),
        (header + "2024-01-01,1,1,2,1,5\n", 2, "high 1 is below low 2"),
        (header + "2024-01-02,1,2,1,1,5\n2024-01-01,1,2,1,1,5\n", 3, "is not after the previous row"),
        (header + "2024-01-01,1,2,1,1,5\n2024-01-01,1,2,1,1,5\n", 3, "is not after the previous row"),
        (header + "2024-01-01,1,2,1,1,-5\n", 2, "negative volume"),
        (header + "2024-01-01,1,2,1,1\n", 2, "expected 6 fields"),
        (header + "2024-13-01,1,2,1,1,5\n", 2, "unparsable timestamp"),
        (header + "2024-01-01,3,2,1,1,5\n", 2, "open 3 is outside"),
        (header, 1, "no bars"),
        ("", 1, "bad header"),
    ] as [(String, Int, String)])
    func refused(text: String, line: Int, fragment: String) {
        do {
            _ = try BarCSVParser.parse(text, symbol: "X", source: "bad.csv")
            Issue.record("accepted bad data")
        } catch {
            #expect(error.source == "bad.csv")
            #expect(error.line == line)
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(error.description.hasPrefix("bad.csv:\(line): "))
        }
    }

    @Test("both timestamp formats, CRLF and a trailing newline are accepted")
    func accepted() throws {
        let bars = try BarCSVParser.parse(",Open,High,Low,Close,Volume\r\n2017-04-19 09:00:00,1.0716,1.0722,1.07083,1.07219,1413\r\n2017-04-19 10:00:00,1.07214,1.07296,1.07214,1.0726,1241\r\n",
                                          symbol: "EURUSD", source: "x.csv")
        #expect(bars.count == 2)
        #expect(bars[0].timestamp.description == "2017-04-19T09:00:00Z")
        #expect(bars[0].low == p("1.07083"))
        #expect(BarCSVParser.inferredTickSize(bars) == p("0.00001"))
    }

    @Test("prices finer than a given tick are refused")
    func tick() {
        #expect(throws: MarketDataError.self) {
            try BarCSVParser.parse(",Open,High,Low,Close,Volume\n2024-01-01,1.001,2,1,1,5\n", symbol: "X", source: "t.csv",
                                   tickSize: p("0.01"))
        }
    }
}
