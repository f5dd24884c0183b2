import TradingModel

extension PaperBroker {
    /// Matches one working order against one bar. Returns true when the order is done
    /// (filled, cancelled or expired) and must leave the book.
    mutating func match(_ w: inout WorkingOrder, bar: Bar, instrument: Instrument) -> Bool {
        let r = w.order.request
        if r.timeInForce == .day, bar.timestamp.utcDay > w.acceptedAt.utcDay {
            enqueue(.expired(w.order.id, at: bar.timestamp))
            return true
        }
        let isBuy = r.side == .buy
        let slip = Int64(config.slippageTicks) &* instrument.tickSize.raw
        var price: Price?
        switch r.type {
        case .market:
            price = Price(raw: bar.open.raw &+ (isBuy ? slip : -slip))
        case .limit:
            price = limitFill(isBuy: isBuy, limit: r.limitPrice, bar: bar)
        case .stop:
            price = stopFill(isBuy: isBuy, trigger: r.triggerPrice, bar: bar, slip: slip)
        case .stopLimit:
            if w.triggered {
                price = limitFill(isBuy: isBuy, limit: r.limitPrice, bar: bar)
            } else if let t = r.triggerPrice {
                let gapped = isBuy ? bar.open >= t : bar.open <= t
                let inside = isBuy ? bar.high >= t : bar.low <= t
                if gapped {
                    w.triggered = true
                    price = limitFill(isBuy: isBuy, limit: r.limitPrice, bar: bar)
                } else if inside {
                    w.triggered = true  // works as a limit from the next bar
                }
            }
        case .trailingStop:
            price = stopFill(isBuy: isBuy, trigger: w.trailLevel, bar: bar, slip: slip)
            if price == nil, let offset = r.trailingOffset {
                let candidate = Price(raw: isBuy ? bar.low.raw &+ offset.raw : bar.high.raw &- offset.raw)
                if let level = w.trailLevel {
                    w.trailLevel = isBuy ? min(level, candidate) : max(level, candidate)
                } else {
                    w.trailLevel = candidate
                }
            }
        }
        let firstBar = !w.touchedBar
        w.touchedBar = true
        guard let fillPrice = price else {
            if firstBar && (r.timeInForce == .ioc || r.timeInForce == .fok) {
                enqueue(.cancelled(w.order.id, at: bar.timestamp))
                return true
            }
            return false
        }
        var quantity = w.remaining
        if let bps = config.participationBasisPoints {
            let cap = Quantity(raw: Int64((Int128(bar.volume.raw) * Int128(bps) / 10_000)))
                .truncated(toMultipleOf: instrument.lotSize)
            quantity = min(quantity, cap)
        }
        if r.timeInForce == .fok && quantity < w.remaining {
            enqueue(.cancelled(w.order.id, at: bar.timestamp))
            return true
        }
        if quantity.isPositive {
            let fill = makeFill(w.order, quantity: quantity, price: fillPrice, instrument: instrument, at: bar.timestamp)
            enqueue(.filled(fill))
            w.remaining = Quantity(raw: w.remaining.raw - quantity.raw)
        }
        if w.remaining.isZero { return true }
        if r.timeInForce == .ioc {
            enqueue(.cancelled(w.order.id, at: bar.timestamp))
            return true
        }
        return false
    }

    private func limitFill(isBuy: Bool, limit: Price?, bar: Bar) -> Price? {
        guard let l = limit else { return nil }
        if isBuy {
            if bar.open <= l { return bar.open }
            return bar.low < l ? l : nil
        }
        if bar.open >= l { return bar.open }
        return bar.high > l ? l : nil
    }

    private func stopFill(isBuy: Bool, trigger: Price?, bar: Bar, slip: Int64) -> Price? {
        guard let t = trigger else { return nil }
        if isBuy {
            if bar.open >= t { return Price(raw: bar.open.raw &+ slip) }
            return bar.high >= t ? Price(raw: t.raw &+ slip) : nil
        }
        if bar.open <= t { return Price(raw: bar.open.raw &- slip) }
        return bar.low <= t ? Price(raw: t.raw &- slip) : nil
    }

    private mutating func makeFill(_ order: Order, quantity: Quantity, price: Price, instrument: Instrument,
                                   at time: Timestamp) -> Fill {
        tradeCounter += 1
        var commission = Money.zero
        if let notional = try? instrument.notional(quantity, at: price).magnitude(),
           let fee = try? FixedPoint.divideTruncating(
               Int128(notional.raw) * Int128(config.commissionBasisPoints.raw),
               by: Int128(FixedPoint.scale) * 10_000) {
            commission = max((try? Money(raw: fee).rounded(decimals: config.commissionDecimals)) ?? Money(raw: fee),
                             config.minimumCommission)
        }
        return Fill(tradeID: TradeID("P-\(tradeCounter)"), orderID: order.id, symbol: order.symbol, side: order.side,
                    quantity: quantity, price: price, commission: commission, timestamp: time)
    }
}
