// Engine benchmark harness; figures go to docs/PERFORMANCE.md ("Engine (issue 4)").
//
//   swift build -c release --scratch-path .build-release --product tradebot-engine-bench
//   .build-release/release/tradebot-engine-bench [--runs 5] [--bars 2000000] [--ticks 200000] [--checks 1000000]
//
// Three measurements, each repeated `--runs` times; the median run is reported:
// 1. tick-to-order: one bar through strategy -> sizing -> risk -> order -> paper-broker
//    submit, timed per bar with a strategy that reverses on every bar (every bar orders).
// 2. one pre-trade risk check with every limit enabled, timed per call.
// 3. replay throughput: synthetic bars through engine + SMA(10, 30) + paper broker.
#if canImport(Glibc)
import Glibc
#endif
import TradingEngine
import TradingModel

@inline(__always) func nowNanos() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// CPU time of this thread: throughput per CPU-second is robust when other processes
/// compete for the cores (wall-clock figures are printed too).
@inline(__always) func cpuNanos() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

func option(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]), v > 0 else { return fallback }
    return v
}

let runs = option("--runs", 5)
let barCount = option("--bars", 2_000_000)
let tickCount = option("--ticks", 200_000)
let checkCount = option("--checks", 1_000_000)

func percentile(_ sorted: [Int64], _ p: Double) -> Int64 {
    sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

func median<T: Comparable>(_ xs: [T]) -> T { xs.sorted()[xs.count / 2] }

func instrument() -> Instrument {
    // Valid constants: tick 0.00001, lot 1.
    guard let i = try? Instrument(symbol: "EURUSD", tickSize: Price(raw: 1_000), lotSize: Quantity(raw: FixedPoint.scale))
    else { preconditionFailure("benchmark instrument is invalid") }
    return i
}

func bars(_ n: Int, seed: UInt64) -> [Bar] {
    var feed = RandomWalkFeed(symbol: "EURUSD", start: Price(raw: 107_000_000), tickSize: Price(raw: 1_000),
                              startTime: Timestamp(nanoseconds: 1_500_000_000_000_000_000), interval: .minutes(1), seed: seed)
    var out: [Bar] = []
    out.reserveCapacity(n)
    for _ in 0..<n { out.append(feed.next()) }
    return out
}

/// Reverses its wish on every bar, so every bar becomes an order.
final class Reverser: Strategy {
    let id: StrategyID = "reverser"
    let symbol: Symbol = "EURUSD"
    private var long = false
    func onBar(_ bar: Bar, context: StrategyContext) -> Signal? {
        long.toggle()
        return Signal(strategyID: id, symbol: symbol, direction: long ? .long : .short, timestamp: bar.timestamp)
    }
}

let limits = RiskLimits(
    defaults: InstrumentRiskLimits(maxOrderQuantity: Quantity(raw: 100_000_000 * FixedPoint.scale),
                                   maxOrderNotional: Money(raw: 1_000_000_000 * FixedPoint.scale),
                                   maxPosition: Quantity(raw: 100_000_000 * FixedPoint.scale),
                                   priceCollarBasisPoints: 500, priceCollarATRMultiple: Quantity(raw: 50 * FixedPoint.scale)),
    maxGrossExposure: Money(raw: 1_000_000_000 * FixedPoint.scale), maxOpenOrders: 1_000,
    maxSubmitsPerSecond: 1_000_000, maxSubmitsPerSecondPerStrategy: 1_000_000,
    dailyLossLimit: Money(raw: 1_000_000_000 * FixedPoint.scale), maxDrawdownBasisPoints: 9_999,
    riskPerTradeBasisPoints: 100, atrPeriod: 14, maxLeverage: Quantity(raw: 5 * FixedPoint.scale),
    volatilityThresholdBasisPoints: 5_000, volatilityWindow: .seconds(30), maxConsecutiveRejections: 100,
    staleDataAfter: .hours(1), ackTimeout: .seconds(5), fillTimeout: .hours(1))
let cash = Money(raw: 100_000 * FixedPoint.scale)

// 1. Tick to order.
var tickP50: [Int64] = [], tickP99: [Int64] = [], tickMax: [Int64] = []
let tickBars = bars(tickCount + 100, seed: 7)
for _ in 0..<runs {
    let clock = ReplayClock()
    let engine = TradingEngine(instruments: [instrument()], limits: limits, initialCash: cash, clock: clock,
                               ids: SequentialOrderIDs(), strategies: [Reverser()])
    var runner = EngineRunner(engine: engine, broker: PaperBroker(instruments: [instrument()],
                                                                  config: PaperBrokerConfig(ackLatency: .milliseconds(1))),
                              sink: DiscardingSink(), clock: clock)
    var samples: [Int64] = []
    samples.reserveCapacity(tickCount)
    var ordered = 0
    for (k, bar) in tickBars.enumerated() {
        runner.advance(to: bar.timestamp)    // acks due before the bar (not timed)
        runner.broker.marketData(bar)        // fills of earlier orders (not timed)
        runner.advance(to: bar.timestamp)
        let before = engine.counters.ordersSubmitted
        let t0 = nowNanos()
        runner.process(.bar(bar))            // timed: strategy -> sizing -> risk -> order -> broker submit
        let t1 = nowNanos()
        if k >= 100 && engine.counters.ordersSubmitted > before {
            samples.append(t1 - t0)
            ordered += 1
        }
    }
    samples.sort()
    guard !samples.isEmpty else { print("tick-to-order: no orders were produced"); break }
    tickP50.append(percentile(samples, 0.50))
    tickP99.append(percentile(samples, 0.99))
    tickMax.append(samples.last ?? 0)
    if ordered < tickCount / 2 { print("warning: only \(ordered) of \(tickCount) bars ordered") }
}

// 2. One pre-trade risk check.
var riskP50: [Int64] = [], riskP99: [Int64] = []
for _ in 0..<runs {
    let clock = ReplayClock()
    let engine = TradingEngine(instruments: [instrument()], limits: limits, initialCash: cash, clock: clock,
                               ids: SequentialOrderIDs())
    var runner = EngineRunner(engine: engine, broker: PaperBroker(instruments: [instrument()]), sink: DiscardingSink(),
                              clock: clock)
    for bar in tickBars.prefix(50) { runner.replay(bar) }
    let request = OrderRequest(strategyID: "bench", symbol: "EURUSD", side: .buy, type: .limit,
                               quantity: Quantity(raw: 10_000 * FixedPoint.scale),
                               limitPrice: tickBars[49].close)
    var samples: [Int64] = []
    samples.reserveCapacity(checkCount)
    var passed = 0
    for _ in 0..<checkCount {
        let t0 = nowNanos()
        let denial = engine.preTradeCheck(request)
        let t1 = nowNanos()
        if denial == nil { passed += 1 }
        samples.append(t1 - t0)
    }
    if passed != checkCount { print("warning: risk check denied: \(String(describing: engine.preTradeCheck(request)))") }
    samples.sort()
    riskP50.append(percentile(samples, 0.50))
    riskP99.append(percentile(samples, 0.99))
}
var timerOverhead: [Int64] = []
for _ in 0..<100_000 {
    let a = nowNanos()
    let b = nowNanos()
    timerOverhead.append(b - a)
}
timerOverhead.sort()

// 3. Replay throughput with SMA.
var rates: [Double] = []
var cpuRates: [Double] = []
let replayBars = bars(barCount, seed: 11)
var lastOrders = 0
for _ in 0..<runs {
    let clock = ReplayClock()
    guard let sma = try? SMACrossover(symbol: "EURUSD", fast: 10, slow: 30) else { break }
    let engine = TradingEngine(instruments: [instrument()], limits: limits, initialCash: cash, clock: clock,
                               ids: SequentialOrderIDs(), strategies: [sma])
    var runner = EngineRunner(engine: engine, broker: PaperBroker(instruments: [instrument()]), sink: DiscardingSink(),
                              clock: clock)
    let t0 = nowNanos()
    let c0 = cpuNanos()
    for bar in replayBars { runner.replay(bar) }
    let c1 = cpuNanos()
    let t1 = nowNanos()
    rates.append(Double(replayBars.count) / (Double(t1 - t0) / 1e9))
    cpuRates.append(Double(replayBars.count) / (Double(c1 - c0) / 1e9))
    lastOrders = engine.counters.ordersSubmitted
}

print("engine benchmark (median of \(runs) runs)")
print("tick-to-order  p50 \(median(tickP50)) ns  p99 \(median(tickP99)) ns  max \(median(tickMax)) ns  (\(tickCount) bars, every bar orders)")
print("risk check     p50 \(median(riskP50)) ns  p99 \(median(riskP99)) ns  (\(checkCount) checks, all limits on; timer overhead p50 \(percentile(timerOverhead, 0.5)) ns)")
print("replay + SMA   \(Int(median(rates))) bars/s wall, \(Int(median(cpuRates))) bars per CPU-second  (\(barCount) bars, \(lastOrders) orders, paper broker)")
