import TradingModel

extension TradingEngine {
    /// The hot path: mark, breakers, stops, strategies, equity limits. One dictionary
    /// lookup; no allocation unless something is emitted.
    func onBar(_ bar: Bar, now: Timestamp) {
        guard let i = slot(of: bar.symbol) else { return }
        onPrice(slot: i, price: bar.close, high: bar.high, low: bar.low, now: now)
        slots[i].atr.update(high: bar.high, low: bar.low, close: bar.close)
        if !slots[i].strategies.isEmpty {
            let context = StrategyContext(position: slots[i].position.quantity, atr: slots[i].atr.value)
            for k in slots[i].strategies {
                if let signal = strategies[k].onBar(bar, context: context) { _ = onSignal(signal, now: now) }
            }
        }
        checkEquityLimits(now)
    }

    /// Quotes mark at the mid and check stops against it; strategies are fed bars
    /// (aggregate quotes with `BarAggregator`).
    func onQuote(_ quote: Quote, now: Timestamp) {
        guard let i = slot(of: quote.symbol) else { return }
        let mid = quote.mid
        onPrice(slot: i, price: mid, high: mid, low: mid, now: now)
        checkEquityLimits(now)
    }

    private func onPrice(slot i: Int, price: Price, high: Price, low: Price, now: Timestamp) {
        slots[i].lastPrice = price
        slots[i].lastUpdate = now
        if !slots[i].position.quantity.isZero { slots[i].position.mark(price, at: now) }
        if slots[i].staleTripped {
            resetBreaker(.staleMarketData, scope: .instrument(slots[i].instrument.symbol), detail: "market data resumed", now: now)
        }
        if let threshold = limits.volatilityThresholdBasisPoints { checkVolatility(slot: i, price: price, threshold: threshold, now: now) }
        checkStops(slot: i, high: high, low: low, now: now)
    }

    /// Trips the volatility breaker when the price moved more than the threshold from
    /// any price seen within the window.
    private func checkVolatility(slot i: Int, price: Price, threshold: Int64, now: Timestamp) {
        let horizon = now.nanoseconds - limits.volatilityWindow.nanoseconds
        slots[i].recentPrices.removeAll { $0.0 < horizon }
        for (_, old) in slots[i].recentPrices where old != 0 {
            let move = (Int128(price.raw) - Int128(old)).magnitude * 10_000
            if move > Int128(old).magnitude * UInt128(threshold) {
                let symbol = slots[i].instrument.symbol
                tripBreaker(.volatility, scope: .instrument(symbol),
                            detail: "\(symbol) moved from \(Price(raw: old)) to \(price) within \(limits.volatilityWindow)",
                            now: now)
                break
            }
        }
        if slots[i].recentPrices.count >= 256 { slots[i].recentPrices.removeFirst() }
        slots[i].recentPrices.append((now.nanoseconds, price.raw))
    }
}
