import TradingEngine
import TradingModel

/// Everything the trading component needs to build its engine, broker, feed and strategy.
///
/// `standard(...)` gives the product's default run (EURUSD, paper broker, SMA 10/30, replayed
/// feed); tests build their own with no feed and push bars themselves.
public struct TradingSettings: Sendable {
    public var account: AccountID = "default"
    public var instruments: [Instrument]
    public var limits: RiskLimits
    public var initialCash: Money
    public var currency = "USD"
    public var broker: PaperBrokerConfig
    /// Bars replayed as a live feed (restamped to the engine clock as they arrive); empty = no feed.
    public var feedBars: [Bar] = []
    /// Where the feed came from (status output).
    public var feedSource = ""
    /// Feed speed in bars per second.
    public var barsPerSecond: Double = 20
    /// Start over from the first bar when the file is exhausted.
    public var loopFeed = true
    /// SMA crossover (fast, slow) on the first instrument; nil runs no strategy.
    public var sma: (fast: Int, slow: Int)? = (10, 30)
    /// Events a stream subscriber may have buffered before it is ended with RESOURCE_EXHAUSTED.
    public var subscriberBuffer = 4096
    /// Scheduling priority of the sequencer thread (`TRADEBOT_SEQUENCER_PRIORITY`).
    public var sequencerPriority: SequencerPriority = .standard
    /// How often the engine gets a `.timer` input (timeouts, breakers), in milliseconds.
    public var timerMilliseconds: Int64 = 100

    public init(instruments: [Instrument], limits: RiskLimits, initialCash: Money, broker: PaperBrokerConfig) {
        self.instruments = instruments
        self.limits = limits
        self.initialCash = initialCash
        self.broker = broker
    }

    /// The EURUSD instrument of the default run: 5-decimal ticks, 1,000-unit lots.
    public static func eurusd() throws(InstrumentError) -> Instrument {
        try Instrument(symbol: "EURUSD", tickSize: Price(raw: FixedPoint.scale / 100_000),
                       lotSize: Quantity(raw: 1_000 * FixedPoint.scale))
    }

    /// The default risk limits: generous enough for the demo strategy, tight enough to matter.
    public static func defaultLimits() -> RiskLimits {
        RiskLimits(defaults: InstrumentRiskLimits(maxOrderQuantity: Quantity(raw: 5_000_000 * FixedPoint.scale),
                                                  maxPosition: Quantity(raw: 10_000_000 * FixedPoint.scale)),
                   maxOpenOrders: 200, dailyLossLimit: Money(raw: 20_000 * FixedPoint.scale), maxDrawdownBasisPoints: 2000,
                   riskPerTradeBasisPoints: 100, atrPeriod: 14, stopATRMultiple: Quantity(raw: 2 * FixedPoint.scale),
                   maxLeverage: Quantity(raw: 10 * FixedPoint.scale), ackTimeout: .seconds(5), fillTimeout: .seconds(60),
                   fillTimeoutAction: .flag, rateWindow: .minutes(15))
    }

    /// The product's default: paper broker, EURUSD bars replayed live, SMA(10, 30).
    public static func standard(feedBars: [Bar], feedSource: String, barsPerSecond: Double,
                                strategyEnabled: Bool) throws(InstrumentError) -> TradingSettings {
        var s = TradingSettings(instruments: [try eurusd()], limits: defaultLimits(),
                                initialCash: Money(raw: 100_000 * FixedPoint.scale),
                                broker: PaperBrokerConfig(seed: 42, ackLatency: .milliseconds(5)))
        s.feedBars = feedBars
        s.feedSource = feedSource
        s.barsPerSecond = barsPerSecond
        if !strategyEnabled { s.sma = nil }
        return s
    }
}

