import TradingModel

extension TradingEngine {
    /// Captures the engine's state (see `EngineSnapshot` for what is and is not included).
    public func snapshot() -> EngineSnapshot {
        var (snapshot, retained) = snapshotDeferringOrders()
        retained.complete(&snapshot)
        return snapshot
    }

    /// `snapshot()` without its per-order part: `orders`, `tradeIDs` and `finishedOrderIDs` are
    /// left empty and returned as `RetainedOrders` (copy-on-write references of chunked tables:
    /// O(chunks) here, and the engine's next writes copy only the chunks they touch). The caller
    /// runs `retained.complete(&snapshot)` on another thread. Why: with the retained orders (up to
    /// 100,000, and twice as many trade ids) copying them took tens of milliseconds on the thread
    /// that runs the engine, during which no order was handled.
    public func snapshotDeferringOrders() -> (snapshot: EngineSnapshot, retained: RetainedOrders) {
        (EngineSnapshot(
            sequence: sequence, nextOrderID: ids.peekNext, takenAt: clock.now, cash: cash, peakEquity: peakEquity,
            dayStartEquity: dayStartEquity, currentDay: currentDay, limits: limits,
            orders: [],
            tradeIDs: [],
            positions: slots.map(\.position),
            markets: slots.map { EngineSnapshot.Market(symbol: $0.instrument.symbol, lastPrice: $0.lastPrice,
                                                        lastUpdate: $0.lastUpdate, stops: $0.stops) },
            restrictions: activeRestrictions.map {
                EngineSnapshot.Restriction(scope: $0.0, source: $0.1, state: $0.2, principal: restrictionPrincipal($0.0, $0.1))
            },
            breakers: trippedCircuitBreakers.map { EngineSnapshot.Breaker(kind: $0.0, scope: $0.1, trippedAt: $0.2) },
            finishedOrderIDs: [], counters: snapshotCounters),
         RetainedOrders(orders: orders, journalSequences: journalSequences, finishedOrderIDs: finishedOrders,
                        tradeIDs: appliedTrades))
    }

    /// Reserves the hashed per-order indexes for the retention bound, so they do not rehash
    /// everything while the sequencer waits as they fill (virtual memory only: pages are touched
    /// as entries arrive). Open orders beyond the bound still fit; the tables then grow as usual.
    func reserveRetainedCapacity() {
        clientOrderIDs.reserveCapacity(orderRetention + 1024)
        tradeIDs.reserveCapacity(orderRetention * 2 + 1)
    }

    private var snapshotCounters: EngineSnapshot.Counters {
        var c = EngineSnapshot.Counters()
        c.ordersSubmitted = counters.ordersSubmitted
        c.ordersDenied = counters.ordersDenied
        c.brokerRejections = counters.brokerRejections
        c.fills = counters.fills
        c.fillTimeouts = counters.fillTimeouts
        c.stopsTriggered = counters.stopsTriggered
        c.signals = counters.signals
        c.signalsIgnored = counters.signalsIgnored
        return c
    }

    /// Replaces the engine's state with a snapshot; journal events after
    /// `snapshot.sequence` are then applied with `rebuild(from:)`.
    ///
    /// The engine must have been built with the snapshot's instruments and with an
    /// order-id source starting at `snapshot.nextOrderID` (or later). Instruments
    /// unknown to this engine are reported and skipped rather than trusted.
    @discardableResult
    public func restore(from snapshot: EngineSnapshot) -> [Symbol] {
        var unknown: [Symbol] = []
        sequence = snapshot.sequence
        cash = snapshot.cash
        peakEquity = snapshot.peakEquity
        dayStartEquity = snapshot.dayStartEquity
        currentDay = snapshot.currentDay
        if snapshot.limits != limits { apply(.riskLimitsChanged(snapshot.limits), at: snapshot.takenAt) }
        orders.removeAll()
        journalSequences.removeAll()
        openOrderIDs = []
        clientOrderIDs = [:]
        tradeIDs = []
        reserveRetainedCapacity()
        finishedOrders.removeAll()
        appliedTrades.removeAll()
        for i in slots.indices {
            slots[i].position = Position(symbol: slots[i].instrument.symbol)
            slots[i].unknownOrders = 0
            slots[i].openBuyLeaves = 0
            slots[i].openSellLeaves = 0
            slots[i].pendingExit = nil
            slots[i].stops = PositionStops()
            slots[i].state = .active
            slots[i].staleTripped = false
        }
        for order in snapshot.orders { apply(.orderAccepted(order), at: order.updatedAt) }  // `store` path
        if !snapshot.finishedOrderIDs.isEmpty {
            // The eviction order of the snapshotted engine (`store` queued them in id order).
            finishedOrders.removeAll()
            for id in snapshot.finishedOrderIDs where orders[id] != nil { finishedOrders.append(id) }
        }
        for t in snapshot.tradeIDs {
            tradeIDs.insert(t)
            appliedTrades.append(t)
        }
        let c = snapshot.counters
        counters = EngineCounters(ordersSubmitted: c.ordersSubmitted, ordersDenied: c.ordersDenied,
                                  brokerRejections: c.brokerRejections, fills: c.fills, fillTimeouts: c.fillTimeouts,
                                  stopsTriggered: c.stopsTriggered, signals: c.signals, signalsIgnored: c.signalsIgnored)
        for p in snapshot.positions {
            if let i = slotIndex[p.symbol] { slots[i].position = p } else { unknown.append(p.symbol) }
        }
        for m in snapshot.markets {
            guard let i = slotIndex[m.symbol] else { continue }
            slots[i].lastPrice = m.lastPrice
            slots[i].lastUpdate = m.lastUpdate
            slots[i].stops = m.stops
        }
        for id in openOrderIDs {
            if let o = orders[id], o.isExit, let i = slotIndex[o.symbol] { slots[i].pendingExit = id }
        }
        restrictions = [:]
        restrictionPrincipals = [:]
        accountState = .active
        dailyLossLevel = .active
        drawdownLevel = .active
        for r in snapshot.restrictions {
            let before = tradingState(r.scope)
            var sources = restrictions[r.scope] ?? [:]
            sources[r.source] = r.state
            apply(.tradingStateChanged(TradingStateChanged(scope: r.scope, source: r.source, sourceState: r.state,
                                                           previous: before, current: sources.values.max() ?? .active,
                                                           reason: "restored", principal: r.principal)),
                  at: snapshot.takenAt)
        }
        trippedBreakers = [:]
        for b in snapshot.breakers {
            apply(.circuitBreakerTripped(CircuitBreakerEvent(kind: b.kind, scope: b.scope, detail: "restored")), at: b.trippedAt)
        }
        return unknown
    }
}
