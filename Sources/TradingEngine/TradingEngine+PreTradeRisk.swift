import TradingModel

extension TradingEngine {
    /// Runs every pre-trade check on a request, in a fixed order, without changing
    /// state. Returns nil when the order may be sent.
    ///
    /// Engine exits (`isExit`: stop-loss, take-profit, kill-switch flatten) only reduce
    /// a position, so they skip trading-state, rate and size limits but still must be
    /// valid for the instrument.
    public func preTradeCheck(_ r: OrderRequest, isExit: Bool = false) -> RiskDenial? {
        preTradeCheck(r, isExit: isExit, now: clock.now)
    }

    /// `replacing`: the open order a replacement would take the place of; its leaves and its
    /// slot in the open-order count are left out.
    func preTradeCheck(_ r: OrderRequest, isExit: Bool, now: Timestamp, replacing: Order? = nil) -> RiskDenial? {
        guard let i = slot(of: r.symbol) else {
            return RiskDenial(.unknownInstrument, "unknown instrument \(r.symbol)")
        }
        let slot = slots[i]
        let instrument = slot.instrument
        if let problem = validate(r, instrument) { return problem }

        // Would the order reduce the position (opposite side, no larger than it)?
        let pos = slot.position.quantity.raw
        let signed = r.side == .buy ? r.quantity.raw : -r.quantity.raw
        let reduces = pos != 0 && (pos > 0) != (signed > 0) && r.quantity.raw <= pos.magnitude

        if r.reduceOnly && !reduces {
            return RiskDenial(.reduceOnly, "reduce-only order would not reduce the \(r.symbol) position")
        }
        if isExit { return nil }

        let state = max(accountState, slot.state)
        if state == .halted { return RiskDenial(.tradingHalted, "trading is halted for \(r.symbol)") }
        if state == .reducing && !reduces {
            return RiskDenial(.tradingReducing, "only orders that reduce exposure are allowed for \(r.symbol)")
        }
        if slot.unknownOrders > 0 {
            return RiskDenial(.unresolvedOrders, "\(slot.unknownOrders) order(s) in UNKNOWN status for \(r.symbol)")
        }

        let instrumentLimits = limits.limits(for: r.symbol)
        if let max = instrumentLimits.maxOrderQuantity, r.quantity > max {
            return RiskDenial(.maxOrderQuantity, "quantity \(r.quantity) exceeds \(max)")
        }
        guard let referencePrice = referencePrice(r, slot) else {
            return RiskDenial(.noMarketData, "no price known for \(r.symbol)")
        }
        do {
            let notional = try instrument.notional(r.quantity, at: referencePrice).magnitude()
            if let max = instrumentLimits.maxOrderNotional, notional > max {
                return RiskDenial(.maxOrderNotional, "notional \(notional) exceeds \(max)")
            }
            if let collar = collarDenial(r, slot, instrumentLimits) { return collar }

            // Position after this order and the open orders on the same side (running totals
            // kept by `store`, minus an order being replaced: it is about to go).
            var projected = pos &+ signed
            var leaves = r.side == .buy ? slot.openBuyLeaves : slot.openSellLeaves
            if let excluded = replacing, excluded.symbol == r.symbol, excluded.side == r.side, excluded.status.isOpen {
                leaves &-= excluded.leavesQuantity.raw
            }
            projected &+= r.side == .buy ? leaves : 0 &- leaves
            if let max = instrumentLimits.maxPosition, projected.magnitude > max.raw.magnitude,
               projected.magnitude > pos.magnitude {
                return RiskDenial(.maxPosition, "position would reach \(Quantity(raw: projected)), limit \(max)")
            }
            if let maxGross = limits.maxGrossExposure, !reduces {
                var gross = try instrument.notional(Quantity(raw: projected), at: referencePrice).magnitude()
                for (k, other) in slots.enumerated() where k != i {
                    if let p = other.lastPrice ?? other.position.lastPrice, !other.position.quantity.isZero {
                        gross = try gross.adding(try other.instrument.notional(other.position.quantity, at: p).magnitude())
                    }
                }
                if gross > maxGross {
                    return RiskDenial(.maxGrossExposure, "gross exposure would reach \(gross), limit \(maxGross)")
                }
            }
        } catch {
            return RiskDenial(.arithmeticOverflow, "order value overflows")
        }
        let openCount = openOrderIDs.count - (replacing?.status.isOpen == true ? 1 : 0)
        if let max = limits.maxOpenOrders, openCount >= max {
            return RiskDenial(.maxOpenOrders, "\(openCount) open orders, limit \(max)")
        }
        if let max = limits.maxSubmitsPerSecond, accountSubmits.countWithin(now: now) >= max {
            return RiskDenial(.accountSubmitRate, "more than \(max) orders per second for the account")
        }
        if let max = limits.maxSubmitsPerSecondPerStrategy, let s = r.strategyID,
           let counter = strategySubmits[s], counter.countWithin(now: now) >= max {
            return RiskDenial(.strategySubmitRate, "more than \(max) orders per second for strategy \(s)")
        }
        return nil
    }

    /// Unfilled quantity of the open orders of `symbol` on `side` (nil for an unknown
    /// instrument): the running total the position check uses, exposed for monitoring and tests.
    public func openLeaves(_ symbol: Symbol, side: OrderSide) -> Quantity? {
        guard let i = slot(of: symbol) else { return nil }
        return Quantity(raw: side == .buy ? slots[i].openBuyLeaves : slots[i].openSellLeaves)
    }

    /// Shape checks: positive quantity, the prices the type needs, tick/lot/min size.
    private func validate(_ r: OrderRequest, _ instrument: Instrument) -> RiskDenial? {
        guard r.quantity.isPositive else { return RiskDenial(.invalidOrder, "quantity must be positive") }
        switch r.type {
        case .market:
            if r.limitPrice != nil || r.triggerPrice != nil {
                return RiskDenial(.invalidOrder, "a market order takes no limit or trigger price")
            }
        case .limit:
            guard let l = r.limitPrice, l.isPositive else { return RiskDenial(.invalidOrder, "limit order needs a positive limit price") }
        case .stop:
            guard let t = r.triggerPrice, t.isPositive else { return RiskDenial(.invalidOrder, "stop order needs a positive trigger price") }
        case .stopLimit:
            guard let l = r.limitPrice, l.isPositive, let t = r.triggerPrice, t.isPositive else {
                return RiskDenial(.invalidOrder, "stop-limit order needs positive limit and trigger prices")
            }
        case .trailingStop:
            guard let d = r.trailingOffset, d.isPositive else {
                return RiskDenial(.invalidOrder, "trailing stop needs a positive trailing offset")
            }
        }
        if r.type != .trailingStop, r.trailingOffset != nil {
            return RiskDenial(.invalidOrder, "only trailing stops take a trailing offset")
        }
        // Checked one by one (no temporary array: this runs on the hot path).
        if let d = offTick(r.limitPrice, instrument) ?? offTick(r.triggerPrice, instrument)
            ?? offTick(r.trailingOffset, instrument) { return d }
        if let b = r.bracket, let d = offTick(b.stopLoss, instrument) ?? offTick(b.takeProfit, instrument)
            ?? offTick(b.trailingDistance, instrument) { return d }
        if !instrument.isOnLot(r.quantity) {
            return RiskDenial(.offLot, "quantity \(r.quantity) is not a multiple of the lot \(instrument.lotSize)")
        }
        if r.quantity < instrument.minQuantity {
            return RiskDenial(.belowMinQuantity, "quantity \(r.quantity) is below the minimum \(instrument.minQuantity)")
        }
        return nil
    }

    private func offTick(_ p: Price?, _ instrument: Instrument) -> RiskDenial? {
        guard let p, !instrument.isOnTick(p) else { return nil }
        return RiskDenial(.offTick, "price \(p) is not a multiple of the tick \(instrument.tickSize)")
    }

    /// The price an order's notional is judged at: its own limit or trigger, else the last price.
    private func referencePrice(_ r: OrderRequest, _ slot: InstrumentSlot) -> Price? {
        switch r.type {
        case .limit, .stopLimit: return r.limitPrice
        case .stop: return r.triggerPrice
        case .market, .trailingStop: return slot.lastPrice
        }
    }

    /// Refuses a limit or trigger price too far from the last price (percent or k·ATR).
    private func collarDenial(_ r: OrderRequest, _ slot: InstrumentSlot, _ l: InstrumentRiskLimits) -> RiskDenial? {
        guard l.priceCollarBasisPoints != nil || l.priceCollarATRMultiple != nil else { return nil }
        guard r.limitPrice != nil || r.triggerPrice != nil else { return nil }
        guard let last = slot.lastPrice else { return RiskDenial(.noMarketData, "no last price for the price collar") }
        for candidate in [r.limitPrice, r.triggerPrice] {
            guard let p = candidate else { continue }
            let distance = Int128(p.raw) - Int128(last.raw)
            let d = distance < 0 ? -distance : distance
            if let bps = l.priceCollarBasisPoints, d * 10_000 > Int128(last.raw.magnitude) * Int128(bps) {
                return RiskDenial(.priceCollar, "price \(p) is more than \(bps) bp from the last price \(last)")
            }
            if let k = l.priceCollarATRMultiple {
                guard let atr = slot.atr.value else { return RiskDenial(.noMarketData, "no ATR yet for the price collar") }
                if d * Int128(FixedPoint.scale) > Int128(atr.raw) * Int128(k.raw) {
                    return RiskDenial(.priceCollar, "price \(p) is more than \(k) × ATR \(atr) from the last price \(last)")
                }
            }
        }
        return nil
    }
}
