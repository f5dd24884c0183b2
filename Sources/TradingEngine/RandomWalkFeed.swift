import TradingModel

/// A seeded synthetic bar feed for demos and benchmarks: each bar opens at the previous
/// close and moves a random number of ticks. The same seed gives the same bars.
public struct RandomWalkFeed: Sendable {
    public let symbol: Symbol
    public let tickSize: Price
    public let interval: TimeSpan
    private var rng: SplitMix64
    private var close: Int64
    private var time: Timestamp
    /// Largest close-to-close move in ticks.
    public let maxStepTicks: Int64

    public init(symbol: Symbol, start: Price, tickSize: Price, startTime: Timestamp, interval: TimeSpan = .minutes(1),
                seed: UInt64, maxStepTicks: Int64 = 10) {
        self.symbol = symbol
        self.tickSize = tickSize
        self.interval = interval
        self.rng = SplitMix64(seed: seed)
        self.close = start.raw
        self.time = startTime
        self.maxStepTicks = max(1, maxStepTicks)
    }

    public mutating func next() -> Bar {
        let tick = tickSize.raw
        let span = UInt64(2 * maxStepTicks + 1)
        let open = close
        var newClose = open + (Int64(rng.next(below: span)) - maxStepTicks) * tick
        if newClose < 100 * tick { newClose = 100 * tick }
        let high = max(open, newClose) + Int64(rng.next(below: UInt64(maxStepTicks))) * tick
        let low = max(tick, min(open, newClose) - Int64(rng.next(below: UInt64(maxStepTicks))) * tick)
        let volume = Int64(100 + rng.next(below: 10_000)) * FixedPoint.scale
        time = time.advanced(by: interval)
        close = newClose
        return Bar(symbol: symbol, timestamp: time, open: Price(raw: open), high: Price(raw: high), low: Price(raw: low),
                   close: Price(raw: newClose), volume: Quantity(raw: volume))
    }
}
