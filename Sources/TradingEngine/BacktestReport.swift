import TradingModel

/// The figures of one backtest. Money is exact; ratios are `Double` statistics.
public struct BacktestReport: Sendable {
    public let bars: Int
    public let start: Timestamp
    public let end: Timestamp
    public let trades: Int
    public let wins: Int
    public let losses: Int
    /// wins / trades (0 when no trades).
    public let winRate: Double
    public let initialEquity: Money
    public let finalEquity: Money
    /// final / initial − 1.
    public let totalReturn: Double
    /// Largest peak-to-trough fall of the bar-close equity curve, as a fraction.
    public let maxDrawdown: Double
    /// Mean / standard deviation of bar returns × √(bars per year).
    public let sharpe: Double
    /// Share of bars that ended with a position.
    public let exposure: Double
    /// Years spanned by the data (for annualising).
    public let years: Double
    public let fees: Money
    public let realizedPnL: Money
    public let riskRejections: Int
    public let brokerRejections: Int
    public let stopsTriggered: Int
    public let stopUpdates: Int
    public let orders: Int
    public let fills: Int
    public let signals: Int
    public let signalsIgnored: Int
    public let fillTimeouts: Int
    public let events: Int
    public let eventHash: String

    init(recorder: BacktestRecorder, curve: [Backtest.EquityPoint], initialCash: Money, portfolio: PortfolioSummary,
         counters: EngineCounters) {
        bars = curve.count
        start = curve.first?.timestamp ?? .zero
        end = curve.last?.timestamp ?? .zero
        trades = recorder.tradeResults.count
        wins = recorder.tradeResults.filter { $0.isPositive }.count
        losses = trades - wins
        winRate = trades == 0 ? 0 : Double(wins) / Double(trades)
        initialEquity = initialCash
        finalEquity = curve.last?.equity ?? initialCash
        totalReturn = initialCash.isPositive ? finalEquity.approximateDouble / initialCash.approximateDouble - 1 : 0
        var peak = initialCash.approximateDouble
        var worst = 0.0
        var returns: [Double] = []
        returns.reserveCapacity(curve.count)
        var previous = initialCash.approximateDouble
        var inMarket = 0
        for p in curve {
            let e = p.equity.approximateDouble
            peak = max(peak, e)
            if peak > 0 { worst = max(worst, (peak - e) / peak) }
            if previous != 0 { returns.append(e / previous - 1) }
            previous = e
            if !p.position.isZero { inMarket += 1 }
        }
        maxDrawdown = worst
        exposure = curve.isEmpty ? 0 : Double(inMarket) / Double(curve.count)
        let spanNanos = Double(end.nanoseconds - start.nanoseconds)
        years = spanNanos / (365.25 * 86_400 * 1e9)
        if returns.count > 1, years > 0 {
            let mean = returns.reduce(0, +) / Double(returns.count)
            let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
            let sd = variance.squareRoot()
            let perYear = Double(returns.count) / years
            sharpe = sd > 0 ? mean / sd * perYear.squareRoot() : 0
        } else {
            sharpe = 0
        }
        fees = portfolio.commissions
        realizedPnL = portfolio.realizedPnL
        riskRejections = counters.ordersDenied
        brokerRejections = counters.brokerRejections
        stopsTriggered = counters.stopsTriggered
        stopUpdates = recorder.stopUpdates
        orders = counters.ordersSubmitted
        fills = counters.fills
        signals = counters.signals
        signalsIgnored = counters.signalsIgnored
        fillTimeouts = counters.fillTimeouts
        events = recorder.hash.count
        eventHash = recorder.hash.hex
    }
}
