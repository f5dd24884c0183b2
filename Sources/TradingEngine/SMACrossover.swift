import TradingModel

/// Simple moving-average crossover: LONG when the fast average crosses above the slow
/// one, SHORT (or FLAT when shorting is off) when it crosses below.
///
/// Averages are compared exactly without dividing: fastSum × slow vs slowSum × fast in
/// 128-bit integers. No signal until both windows are full and a previous relation is
/// known, so the first cross is a real cross. No allocation per bar.
public final class SMACrossover: Strategy {
    public let id: StrategyID
    public let symbol: Symbol
    public let fastPeriod: Int
    public let slowPeriod: Int
    public let allowShort: Bool
    // Owned by the engine's thread; exempt from dynamic exclusivity checks (hot path).
    @exclusivity(unchecked) private var closes: [Int64]
    @exclusivity(unchecked) private var index = 0
    @exclusivity(unchecked) private var seen = 0
    @exclusivity(unchecked) private var fastSum: Int64 = 0
    @exclusivity(unchecked) private var slowSum: Int64 = 0
    /// +1 fast above slow, -1 below, 0 equal or unknown.
    @exclusivity(unchecked) private var relation = 0

    public init(id: StrategyID = "sma", symbol: Symbol, fast: Int, slow: Int, allowShort: Bool = true) throws(StrategyConfigError) {
        guard fast >= 1, slow > fast else { throw .invalid("SMA periods need 1 <= fast < slow (got \(fast), \(slow))") }
        self.id = id
        self.symbol = symbol
        self.fastPeriod = fast
        self.slowPeriod = slow
        self.allowShort = allowShort
        self.closes = Array(repeating: 0, count: slow)
    }

    public func onBar(_ bar: Bar, context: StrategyContext) -> Signal? {
        let close = bar.close.raw
        // Ring of the last `slow` closes; the fast window is its newest `fast` entries.
        let n = closes.count
        if seen >= n { slowSum &-= closes[index] }
        if seen >= fastPeriod { fastSum &-= closes[(index - fastPeriod + n) % n] }
        closes[index] = close
        slowSum &+= close
        fastSum &+= close
        index = (index + 1) % n
        seen += 1
        guard seen >= n else { return nil }
        let lhs = Int128(fastSum) * Int128(slowPeriod)
        let rhs = Int128(slowSum) * Int128(fastPeriod)
        let now = lhs > rhs ? 1 : (lhs < rhs ? -1 : 0)
        defer { if now != 0 { relation = now } }
        guard now != 0, relation != 0, now != relation else { return nil }
        let direction: Signal.Direction = now > 0 ? .long : (allowShort ? .short : .flat)
        return Signal(strategyID: id, symbol: symbol, direction: direction, timestamp: bar.timestamp)
    }
}
