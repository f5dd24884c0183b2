import TradingModel

extension TradingEngine {
    /// The only function that changes event-sourced state. Called for every emitted
    /// event and, by `rebuild(from:)`, for every journaled event: one code path, so a
    /// replayed engine cannot disagree with the live one.
    func apply(_ event: EngineEvent, at time: Timestamp) {
        switch event {
        case .orderSubmitted(let o):
            store(o)
            counters.ordersSubmitted += 1
        case .orderDenied(let d):
            store(d.order)
            counters.ordersDenied += 1
        case .orderAccepted(let o), .orderCancelRequested(let o), .orderCancelled(let o), .orderExpired(let o):
            store(o)
        case .orderStatusUnknown(let o):
            store(o)
        case .orderRejected(let r):
            store(r.order)
            counters.brokerRejections += 1
        case .orderCancelRejected(let r):
            store(r.order)
        case .orderFilled(let f):
            store(f.order)
            if tradeIDs.insert(f.fill.tradeID).inserted {
                appliedTrades.append(f.fill.tradeID)
                if appliedTrades.count > orderRetention * 2, let old = appliedTrades.popFirst() { tradeIDs.remove(old) }
            }
            if let i = slotIndex[f.fill.symbol] {
                slots[i].position = f.position
            }
            cash = f.cash
            counters.fills += 1
        case .positionChanged(let p):
            if let i = slotIndex[p.symbol] { slots[i].position = p }
        case .signalReceived:
            counters.signals += 1
        case .signalIgnored:
            counters.signalsIgnored += 1
        case .stopUpdated(let s):
            if let i = slotIndex[s.symbol] { slots[i].stops = s.stops }
        case .stopTriggered(let s):
            if let i = slotIndex[s.symbol] { slots[i].stops = PositionStops() }
            counters.stopsTriggered += 1
        case .tradingStateChanged(let c):
            if c.sourceState == .active {
                restrictions[c.scope]?[c.source] = nil
                if restrictions[c.scope]?.isEmpty == true { restrictions[c.scope] = nil }
                restrictionPrincipals[RestrictionKey(scope: c.scope, source: c.source)] = nil
            } else {
                restrictions[c.scope, default: [:]][c.source] = c.sourceState
                restrictionPrincipals[RestrictionKey(scope: c.scope, source: c.source)] = c.principal
            }
            switch c.scope {
            case .account:
                accountState = c.current
                if c.source == .dailyLoss { dailyLossLevel = c.sourceState }
                if c.source == .drawdown { drawdownLevel = c.sourceState }
            case .instrument(let s):
                if let i = slotIndex[s] { slots[i].state = c.current }
            }
        case .circuitBreakerTripped(let b):
            trippedBreakers[BreakerKey(kind: b.kind, scope: b.scope)] = time
            if b.kind == .staleMarketData, case .instrument(let s) = b.scope, let i = slotIndex[s] { slots[i].staleTripped = true }
            if b.kind == .consecutiveRejections { consecutiveRejections = 0 }
        case .circuitBreakerReset(let b):
            trippedBreakers[BreakerKey(kind: b.kind, scope: b.scope)] = nil
            if b.kind == .staleMarketData, case .instrument(let s) = b.scope, let i = slotIndex[s] { slots[i].staleTripped = false }
        case .fillTimeout(let f):
            store(f.order)
            counters.fillTimeouts += 1
        case .riskLimitsChanged(let l):
            let old = limits
            limits = l
            nextOrderTimeout = 0
            if l.maxSubmitsPerSecond != old.maxSubmitsPerSecond {
                accountSubmits = SlidingWindowCounter(capacity: max(1, (l.maxSubmitsPerSecond ?? 0) + 1), window: .seconds(1))
            }
            if l.maxSubmitsPerSecondPerStrategy != old.maxSubmitsPerSecondPerStrategy { strategySubmits = [:] }
            if l.atrPeriod != old.atrPeriod {
                for i in slots.indices { slots[i].atr = AverageTrueRange(period: l.atrPeriod) }
            }
        case .tradingDayStarted(let d):
            currentDay = d.day
            dayStartEquity = d.startEquity
        case .killSwitchActivated, .limitBreached, .brokerReportRefused:
            break
        }
    }

    /// Stores an order value and keeps the open-order index, the per-instrument open
    /// leaves totals and the unknown count in step with its status.
    private func store(_ order: Order) {
        let previous = orders.updateValue(order, forKey: order.id)
        if let c = order.clientOrderID, clientOrderIDs[c] == nil { clientOrderIDs[c] = order.id }
        let wasOpen = previous?.status.isOpen ?? false
        let isOpen = order.status.isOpen
        if isOpen && !wasOpen {
            if let last = openOrderIDs.last, last > order.id {
                let at = openOrderIDs.firstIndex { $0 > order.id } ?? openOrderIDs.count
                openOrderIDs.insert(order.id, at: at)
            } else {
                openOrderIDs.append(order.id)
            }
        } else if wasOpen && !isOpen, let at = openOrderIDs.firstIndex(of: order.id) {
            openOrderIDs.remove(at: at)
        }
        if isOpen, let deadline = timeoutDeadline(of: order), deadline < nextOrderTimeout { nextOrderTimeout = deadline }
        if !isOpen && (previous == nil || wasOpen) {
            finishedOrders.append(order.id)
            if finishedOrders.count > orderRetention { evictOldestFinishedOrder() }
        }
        if wasOpen, let previous, let i = slotIndex[previous.symbol] {
            slots[i].addOpenLeaves(-previous.leavesQuantity.raw, side: previous.side)
        }
        if isOpen, let i = slotIndex[order.symbol] { slots[i].addOpenLeaves(order.leavesQuantity.raw, side: order.side) }
        if let i = slotIndex[order.symbol] {
            // An exit that finished in any way (filled, cancelled, rejected, expired) is no longer pending.
            if !isOpen, slots[i].pendingExit == order.id { slots[i].pendingExit = nil }
            let wasUnknown = previous?.status == .unknown
            let isUnknown = order.status == .unknown
            if isUnknown && !wasUnknown { slots[i].unknownOrders += 1 }
            if wasUnknown && !isUnknown { slots[i].unknownOrders -= 1 }
        }
    }

    private func evictOldestFinishedOrder() {
        guard let id = finishedOrders.popFirst(), let order = orders[id], !order.status.isOpen else { return }
        orders[id] = nil
        journalSequences[id] = nil
        if let c = order.clientOrderID, clientOrderIDs[c] == id { clientOrderIDs[c] = nil }
    }

    /// Rebuilds event-sourced state by applying journaled events in order (after an
    /// optional `restore(from:)` of a snapshot). Emits nothing and sends nothing.
    /// Events at or below the current sequence are skipped, so overlap is harmless.
    public func rebuild(from events: some Sequence<SequencedEvent>) {
        for e in events where e.sequence > sequence {
            apply(e.event, at: e.timestamp)
            sequence = e.sequence
        }
        var equity = cash
        for slot in slots {
            if let mv = try? slot.position.marketValue(multiplier: slot.instrument.multiplier),
               let sum = try? equity.adding(mv) { equity = sum }
        }
        if equity > peakEquity { peakEquity = equity }
    }
}
