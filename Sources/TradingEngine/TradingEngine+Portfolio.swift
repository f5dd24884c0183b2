import TradingModel

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
