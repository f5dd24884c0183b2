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

extension TradingEngine {
    func portfolioSummary() -> PortfolioSummary {
        var gross = Money.zero, net = Money.zero, realized = Money.zero, unrealized = Money.zero, fees = Money.zero
        for slot in slots {
            let m = slot.instrument.multiplier
            let mv = (try? slot.position.marketValue(multiplier: m)) ?? .zero
            gross = (try? gross.adding(mv.saturatingMagnitude)) ?? gross
            net = (try? net.adding(mv)) ?? net
            realized = (try? realized.adding(slot.position.realizedPnL)) ?? realized
            unrealized = (try? unrealized.adding(slot.position.unrealizedPnL(multiplier: m))) ?? unrealized
            fees = (try? fees.adding(slot.position.commissions)) ?? fees
        }
        let equity = (try? currentEquity()) ?? cash
        let peak = max(peakEquity, equity)
        let dd = peak.isPositive ? Int64((Int128(peak.raw) - Int128(equity.raw)) * 10_000 / Int128(peak.raw)) : 0
        return PortfolioSummary(cash: cash, equity: equity, grossExposure: gross, netExposure: net, realizedPnL: realized,
                                unrealizedPnL: unrealized, commissions: fees, peakEquity: peak, drawdownBasisPoints: dd)
    }
}
