import TradingModel

extension TradingEngine {
    /// Checks a position's engine-managed exits against a price range, then trails.
    ///
    /// Conservative and free of look-ahead: the range is tested against the stop as it
    /// was *before* this bar; if both the stop-loss and the take-profit lie inside the
    /// range, the stop-loss is assumed to have been hit first. Only afterwards does the
    /// bar's best price move a trailing stop (emitting `StopUpdated`).
    func checkStops(slot i: Int, high: Price, low: Price, now: Timestamp) {
        guard slots[i].hasStops, slots[i].pendingExit == nil, !slots[i].position.quantity.isZero else { return }
        let slot = slots[i]
        let isLong = slot.position.quantity.isPositive
        let stops = slot.stops
        if let sl = stops.stopLoss, isLong ? low <= sl : high >= sl {
            return triggerExit(slot: i, kind: .stopLoss, level: sl, price: isLong ? low : high, now: now)
        }
        if let tp = stops.takeProfit, isLong ? high >= tp : low <= tp {
            return triggerExit(slot: i, kind: .takeProfit, level: tp, price: isLong ? high : low, now: now)
        }
        guard let distance = stops.trailingDistance else { return }
        let best = isLong ? max(stops.bestPrice ?? high, high) : min(stops.bestPrice ?? low, low)
        let candidate = Price(raw: isLong ? best.raw - distance.raw : best.raw + distance.raw)
        var updated = stops
        updated.bestPrice = best
        let moves: Bool
        if let current = stops.stopLoss { moves = isLong ? candidate > current : candidate < current } else { moves = true }
        if moves { updated.stopLoss = candidate }
        if moves {
            emit(.stopUpdated(StopUpdated(symbol: slot.instrument.symbol, previousStop: stops.stopLoss, stops: updated)), at: now)
        } else if updated != stops {
            slots[i].stops = updated  // best price only: market-derived, not an event
        }
    }

    /// Fires an exit: `StopTriggered` (which disarms both exits: OCO) and a reduce-only
    /// market order for the whole position.
    private func triggerExit(slot i: Int, kind: StopTriggered.Kind, level: Price, price: Price, now: Timestamp) {
        let slot = slots[i]
        emit(.stopTriggered(StopTriggered(symbol: slot.instrument.symbol, kind: kind, level: level, triggerPrice: price)),
             at: now)
        let q = slot.position.quantity
        let request = OrderRequest(symbol: slot.instrument.symbol, side: q.isPositive ? .sell : .buy,
                                   quantity: q.saturatingMagnitude, reduceOnly: true)
        if case .order(let o) = place(request, isExit: true, now: now) { slots[i].pendingExit = o.id }
    }

    /// After a fill: arm the order's bracket on the new position, or disarm exits when
    /// the position went flat or flipped.
    func updateStopsAfterFill(slot i: Int, order: Order, before: Quantity, now: Timestamp) {
        let slot = slots[i]
        let after = slot.position.quantity
        let symbol = slot.instrument.symbol
        let flippedOrFlat = after.isZero || (!before.isZero && before.isPositive != after.isPositive)
        if let b = order.request.bracket, !after.isZero, (after.isPositive == (order.side == .buy)) {
            // Armed once per entry: later partial fills of the same order keep the levels
            // (and any trailing progress) instead of re-arming.
            let alreadyArmed = !flippedOrFlat && before.isPositive == after.isPositive && !before.isZero
                && slot.stops.takeProfit == b.takeProfit && slot.stops.trailingDistance == b.trailingDistance
                && slot.hasStops
            let stops = PositionStops(stopLoss: b.stopLoss, takeProfit: b.takeProfit,
                                      trailingDistance: b.trailingDistance, bestPrice: slot.position.lastPrice)
            if !alreadyArmed && stops != slot.stops {
                emit(.stopUpdated(StopUpdated(symbol: symbol, previousStop: slot.stops.stopLoss, stops: stops)), at: now)
            }
        } else if flippedOrFlat && slot.hasStops {
            emit(.stopUpdated(StopUpdated(symbol: symbol, previousStop: slot.stops.stopLoss, stops: PositionStops())), at: now)
        }
    }
}
