import TradingModel

/// Runs one strategy over bars through the real engine and paper broker.
///
/// Everything is derived from the inputs: the clock is the bars' time, ids are
/// sequential and the broker's generator is seeded, so a run is byte-for-byte
/// repeatable.
public struct Backtest {
    public var instrument: Instrument
    public var limits: RiskLimits
    public var initialCash: Money
    public var broker: PaperBrokerConfig

    public init(instrument: Instrument, limits: RiskLimits, initialCash: Money, broker: PaperBrokerConfig) {
        self.instrument = instrument
        self.limits = limits
        self.initialCash = initialCash
        self.broker = broker
    }

    /// One point of the equity curve, after the engine processed a bar.
    public struct EquityPoint: Hashable, Sendable {
        public let timestamp: Timestamp
        public let close: Price
        public let equity: Money
        public let cash: Money
        public let position: Quantity
    }

    public struct Result: Sendable {
        public let report: BacktestReport
        public let curve: [EquityPoint]
    }

    public func run(bars: [Bar], strategy: any Strategy) -> Result {
        let clock = ReplayClock(start: bars.first.map { Timestamp(nanoseconds: $0.timestamp.nanoseconds - 1) } ?? .zero)
        let engine = TradingEngine(instruments: [instrument], limits: limits, initialCash: initialCash, clock: clock,
                                   ids: SequentialOrderIDs(), strategies: [strategy])
        var runner = EngineRunner(engine: engine, broker: PaperBroker(instruments: [instrument], config: broker),
                                  sink: BacktestRecorder(), clock: clock)
        var curve: [EquityPoint] = []
        curve.reserveCapacity(bars.count)
        for bar in bars {
            runner.replay(bar)
            let equity = (try? engine.currentEquity()) ?? engine.cash
            curve.append(EquityPoint(timestamp: bar.timestamp, close: bar.close, equity: equity, cash: engine.cash,
                                     position: engine.position(bar.symbol)?.quantity ?? .zero))
        }
        let report = BacktestReport(recorder: runner.sink, curve: curve, initialCash: initialCash,
                                    portfolio: engine.portfolio, counters: engine.counters)
        return Result(report: report, curve: curve)
    }
}
