import TradingModel

/// Account-level figures at the last prices.
public struct PortfolioSummary: Hashable, Sendable {
    public let cash: Money
    public let equity: Money
    /// Σ |position notional|.
    public let grossExposure: Money
    /// Σ signed position notional.
    public let netExposure: Money
    public let realizedPnL: Money
    public let unrealizedPnL: Money
    public let commissions: Money
    public let peakEquity: Money
    /// (peak − equity) / peak in basis points.
    public let drawdownBasisPoints: Int64
}
