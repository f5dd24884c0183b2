import TradingModel

/// Builds fixed-interval bars from quotes (mid prices), for strategies fed by a live
/// quote stream. A bar is emitted when the first quote of a later interval arrives,
/// stamped with the end of its interval, so it never contains a price from the future.
public struct BarAggregator: Sendable {
    public let symbol: Symbol
    public let interval: TimeSpan
    private var bucket: Int64?
    private var open: Price = .zero, high: Price = .zero, low: Price = .zero, close: Price = .zero
    private var volume: Quantity = .zero

    public init(symbol: Symbol, interval: TimeSpan) throws(StrategyConfigError) {
        guard interval.nanoseconds > 0 else { throw .invalid("bar interval must be positive") }
        self.symbol = symbol
        self.interval = interval
    }

    /// Adds a quote; returns the bar it completed, if any. Quotes of other symbols are ignored.
    public mutating func add(_ quote: Quote) -> Bar? {
        guard quote.symbol == symbol else { return nil }
        let n = interval.nanoseconds
        let t = quote.timestamp.nanoseconds
        let b = t >= 0 ? t / n : (t - n + 1) / n
        let price = quote.mid
        var completed: Bar?
        if let current = bucket, b > current {
            completed = flush(bucketIndex: current)
        }
        if bucket == nil || completed != nil {
            bucket = b
            open = price
            high = price
            low = price
            volume = .zero
        }
        if price > high { high = price }
        if price < low { low = price }
        close = price
        volume = Quantity(raw: volume.raw &+ quote.volume.raw)
        return completed
    }

    private func flush(bucketIndex: Int64) -> Bar {
        Bar(symbol: symbol, timestamp: Timestamp(nanoseconds: (bucketIndex + 1) * interval.nanoseconds),
            open: open, high: high, low: low, close: close, volume: volume)
    }
}
