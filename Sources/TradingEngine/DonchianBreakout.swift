import TradingModel

/// Donchian channel breakout with an ATR trailing stop.
///
/// LONG when the close breaks above the highest high of the previous `period` bars,
/// SHORT (if allowed) when it breaks below the lowest low. The signal asks for a
/// trailing stop; the engine sizes it with ATR × multiple and trails it (each move is a
/// `StopUpdated`), which is also how positions exit. The channel excludes the current
/// bar, so a breakout is judged only against prices already seen.
public final class DonchianBreakout: Strategy {
    public let id: StrategyID
    public let symbol: Symbol
    public let period: Int
    public let allowShort: Bool
    // Owned by the engine's thread; exempt from dynamic exclusivity checks (hot path).
    @exclusivity(unchecked) private var highs: [Int64]
    @exclusivity(unchecked) private var lows: [Int64]
    @exclusivity(unchecked) private var index = 0
    @exclusivity(unchecked) private var seen = 0

    public init(id: StrategyID = "breakout", symbol: Symbol, period: Int, allowShort: Bool = true) throws(StrategyConfigError) {
        guard period >= 2 else { throw .invalid("breakout period must be at least 2 (got \(period))") }
        self.id = id
        self.symbol = symbol
        self.period = period
        self.allowShort = allowShort
        self.highs = Array(repeating: 0, count: period)
        self.lows = Array(repeating: 0, count: period)
    }

    public func onBar(_ bar: Bar, context: StrategyContext) -> Signal? {
        var signal: Signal?
        if seen >= period {
            var hh = Int64.min, ll = Int64.max
            for k in 0..<period {
                hh = max(hh, highs[k])
                ll = min(ll, lows[k])
            }
            if bar.close.raw > hh && !context.position.isPositive {
                signal = Signal(strategyID: id, symbol: symbol, direction: .long, timestamp: bar.timestamp, trailingStop: true)
            } else if bar.close.raw < ll && !context.position.isNegative {
                signal = Signal(strategyID: id, symbol: symbol, direction: allowShort ? .short : .flat,
                                timestamp: bar.timestamp, trailingStop: true)
                if !allowShort && context.position.isZero { signal = nil }
            }
        }
        highs[index] = bar.high.raw
        lows[index] = bar.low.raw
        index = (index + 1) % period
        seen += 1
        return signal
    }
}
