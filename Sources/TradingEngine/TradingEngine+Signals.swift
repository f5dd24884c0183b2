import TradingModel

extension TradingEngine {
    /// Turns a signal into at most one order: target direction vs current position,
    /// ATR-based size (risk fraction of equity over the stop distance, capped by
    /// leverage, truncated to the lot), a bracket with the protective stop, then the
    /// same `place` path as any order.
    func onSignal(_ signal: Signal, now: Timestamp) -> CommandResult {
        emit(.signalReceived(signal), at: now)
        func ignore(_ reason: String) -> CommandResult {
            emit(.signalIgnored(SignalIgnored(signal: signal, reason: reason)), at: now)
            return .signalIgnored(reason)
        }
        guard let i = slot(of: signal.symbol) else { return ignore(RiskRejectReason.unknownInstrument.rawValue) }
        let slot = slots[i]
        let pos = slot.position.quantity
        if slot.pendingExit != nil { return ignore("EXIT_PENDING") }
        switch signal.direction {
        case .flat:
            if pos.isZero { return ignore("ALREADY_FLAT") }
            let request = OrderRequest(strategyID: signal.strategyID, symbol: signal.symbol,
                                       side: pos.isPositive ? .sell : .buy, quantity: pos.saturatingMagnitude,
                                       reduceOnly: true)
            return place(request, isExit: false, now: now)
        case .long, .short:
            let isLong = signal.direction == .long
            if isLong && pos.isPositive { return ignore("ALREADY_LONG") }
            if !isLong && pos.isNegative { return ignore("ALREADY_SHORT") }
            guard let last = slot.lastPrice else { return ignore(RiskRejectReason.noMarketData.rawValue) }
            guard let distance = stopDistance(signal, slot), distance.isPositive else { return ignore("NO_VOLATILITY") }
            let size: Quantity
            do { size = try positionSize(slot: slot, price: last, stopDistance: distance) } catch {
                return ignore(RiskRejectReason.arithmeticOverflow.rawValue)
            }
            if size < slot.instrument.minQuantity { return ignore(RiskRejectReason.sizeTooSmall.rawValue) }
            let (sum, overflow) = size.raw.addingReportingOverflow(pos.saturatingMagnitude.raw)
            if overflow { return ignore(RiskRejectReason.arithmeticOverflow.rawValue) }
            let quantity = Quantity(raw: sum)
            let stop = Price(raw: isLong ? last.raw - distance.raw : last.raw + distance.raw)
            var bracket = Bracket(stopLoss: stop.isPositive ? stop : nil,
                                  trailingDistance: signal.trailingStop ? distance : nil)
            if let tp = signal.takeProfitDistance {
                bracket.takeProfit = Price(raw: isLong ? last.raw + tp.raw : last.raw - tp.raw)
            }
            let request = OrderRequest(strategyID: signal.strategyID, symbol: signal.symbol,
                                       side: isLong ? .buy : .sell, quantity: quantity, bracket: bracket)
            return place(request, isExit: false, now: now)
        }
    }

    /// The signal's own stop distance, else ATR × multiple, rounded up to the tick.
    private func stopDistance(_ signal: Signal, _ slot: InstrumentSlot) -> Price? {
        let tick = slot.instrument.tickSize.raw
        let raw: Int64
        if let d = signal.stopDistance {
            raw = d.raw
        } else {
            guard let atr = slot.atr.value,
                  let scaled = try? FixedPoint.multiply(atr.raw, limits.stopATRMultiple.raw) else { return nil }
            raw = scaled
        }
        let rem = raw % tick
        return Price(raw: rem == 0 ? raw : raw - rem + tick)
    }

    /// Units such that a stop-out loses `riskPerTradeBasisPoints` of equity, capped by
    /// `maxLeverage`, truncated to the lot size (never rounded up into more risk).
    func positionSize(slot: InstrumentSlot, price: Price, stopDistance: Price) throws(ArithmeticError) -> Quantity {
        let instrument = slot.instrument
        let equity = try currentEquity()
        guard equity.isPositive else { return .zero }
        let risk = try equity.fraction(basisPoints: limits.riskPerTradeBasisPoints)
        // units = risk / (distance × multiplier)
        let s = Int128(FixedPoint.scale)
        let perUnit = Int128(stopDistance.raw) * Int128(instrument.multiplier.raw)
        var units = try FixedPoint.divideTruncating(Int128(risk.raw) * s * s, by: perUnit)
        if let leverage = limits.maxLeverage {
            let cap = try FixedPoint.divideTruncating(
                Int128(equity.raw) * Int128(leverage.raw) * s,
                by: Int128(price.raw) * Int128(instrument.multiplier.raw))
            units = min(units, cap)
        }
        return Quantity(raw: units).truncated(toMultipleOf: instrument.lotSize)
    }
}
