import TradingModel

extension TradingEngine {
    /// Sets one source's restriction of a scope; emits `TradingStateChanged` when it
    /// changes. A scope that becomes HALTED has its open orders cancelled (exits kept).
    func setRestriction(_ scope: TradingScope, source: RestrictionSource, state: TradingState, reason: String,
                        principal: String? = nil, now: Timestamp) {
        let current = restrictions[scope]?[source] ?? .active
        guard current != state else { return }
        let before = tradingState(scope)
        var sources = restrictions[scope] ?? [:]
        sources[source] = state == .active ? nil : state
        let after = sources.values.max() ?? .active
        emit(.tradingStateChanged(TradingStateChanged(scope: scope, source: source, sourceState: state,
                                                      previous: before, current: after, reason: reason,
                                                      principal: principal)), at: now)
        if after == .halted && before != .halted {
            cancelOpenOrders(scope: scope, includeExits: false, now: now)
        }
    }

    func tripBreaker(_ kind: CircuitBreakerKind, scope: TradingScope, detail: String, now: Timestamp) {
        guard trippedBreakers[BreakerKey(kind: kind, scope: scope)] == nil else { return }
        emit(.circuitBreakerTripped(CircuitBreakerEvent(kind: kind, scope: scope, detail: detail)), at: now)
        setRestriction(scope, source: kind.source, state: .halted, reason: detail, now: now)
    }

    func resetBreaker(_ kind: CircuitBreakerKind, scope: TradingScope, detail: String, now: Timestamp) {
        guard trippedBreakers[BreakerKey(kind: kind, scope: scope)] != nil else { return }
        emit(.circuitBreakerReset(CircuitBreakerEvent(kind: kind, scope: scope, detail: detail)), at: now)
        setRestriction(scope, source: kind.source, state: .active, reason: detail, now: now)
        if kind == .consecutiveRejections { consecutiveRejections = 0 }
    }

    /// Halts the account, cancels every open order and, if asked, flattens every position.
    func activateKillSwitch(flatten: Bool, reason: String, principal: String? = nil, now: Timestamp) {
        emit(.killSwitchActivated(KillSwitchActivated(flatten: flatten, reason: reason, principal: principal)), at: now)
        setRestriction(.account, source: .killSwitch, state: .halted, reason: reason, principal: principal, now: now)
        cancelOpenOrders(scope: .account, includeExits: false, now: now)
        guard flatten else { return }
        for i in slots.indices where !slots[i].position.quantity.isZero && slots[i].pendingExit == nil {
            let q = slots[i].position.quantity
            let request = OrderRequest(symbol: slots[i].instrument.symbol, side: q.isPositive ? .sell : .buy,
                                       quantity: q.saturatingMagnitude, reduceOnly: true)
            if case .order(let o) = place(request, isExit: true, now: now) { slots[i].pendingExit = o.id }
        }
    }

    /// Account equity: cash plus every position marked at its last price.
    public func currentEquity() throws(ArithmeticError) -> Money {
        var equity = cash
        for slot in slots where !slot.position.quantity.isZero {
            equity = try equity.adding(try slot.position.marketValue(multiplier: slot.instrument.multiplier))
        }
        return equity
    }

    /// Daily-loss and drawdown controls, checked after every mark and fill.
    func checkEquityLimits(_ now: Timestamp) {
        guard let equity = try? currentEquity() else { return }
        if equity > peakEquity { peakEquity = equity }
        if let limit = limits.dailyLossLimit, dailyLossLevel < limits.dailyLossAction {
            let loss = Money(raw: dayStartEquity.raw &- equity.raw)
            if loss >= limit {
                emit(.limitBreached(LimitBreached(limit: .dailyLoss, value: loss.description, threshold: limit.description,
                                                  action: limits.dailyLossAction)), at: now)
                setRestriction(.account, source: .dailyLoss, state: limits.dailyLossAction,
                               reason: "daily loss \(loss) reached the limit \(limit)", now: now)
            }
        }
        if let maxBps = limits.maxDrawdownBasisPoints, peakEquity.isPositive,
           drawdownLevel < limits.drawdownAction {
            let drop = Int128(peakEquity.raw) - Int128(equity.raw)
            if drop * 10_000 >= Int128(peakEquity.raw) * Int128(maxBps) {
                let bps = Int64(drop * 10_000 / Int128(peakEquity.raw))
                emit(.limitBreached(LimitBreached(limit: .maxDrawdown, value: "\(bps)", threshold: "\(maxBps)",
                                                  action: limits.drawdownAction)), at: now)
                setRestriction(.account, source: .drawdown, state: limits.drawdownAction,
                               reason: "drawdown \(bps) bp reached the limit \(maxBps) bp", now: now)
            }
        }
    }

    /// A new UTC day resets the daily-loss reference and lifts a daily-loss restriction.
    func rollDayIfNeeded(_ now: Timestamp) {
        let day = now.utcDay
        guard currentDay != day, now != .zero else { return }
        let equity = (try? currentEquity()) ?? cash
        emit(.tradingDayStarted(TradingDayStarted(day: day, startEquity: equity)), at: now)
        if dailyLossLevel != .active {
            setRestriction(.account, source: .dailyLoss, state: .active, reason: "new trading day", now: now)
        }
    }

    /// Time-driven rules, run after every input: acknowledgement and fill timeouts,
    /// stale market data, breaker cool-downs.
    func checkTimers(_ now: Timestamp) {
        if !openOrderIDs.isEmpty && now.nanoseconds >= nextOrderTimeout
            && (limits.ackTimeout != nil || limits.fillTimeout != nil) {
            checkOrderTimeouts(now)
        }
        if let staleAfter = limits.staleDataAfter {
            for i in slots.indices {
                guard let last = slots[i].lastUpdate, now.since(last) > staleAfter else { continue }
                tripBreaker(.staleMarketData, scope: .instrument(slots[i].instrument.symbol),
                            detail: "no market data since \(last)", now: now)
            }
        }
        if let cooldown = limits.breakerCooldown, !trippedBreakers.isEmpty {
            let due = trippedBreakers.filter { key, at in
                (key.kind == .volatility || key.kind == .consecutiveRejections) && now.since(at) >= cooldown
            }.keys.sorted { ($0.scope, $0.kind.rawValue) < ($1.scope, $1.kind.rawValue) }
            for key in due { resetBreaker(key.kind, scope: key.scope, detail: "cool-down elapsed", now: now) }
        }
    }

    /// Scans the open orders for acknowledgement and fill timeouts and records when the next
    /// one can fall due (orders stored during the scan lower that again through `store`).
    private func checkOrderTimeouts(_ now: Timestamp) {
        nextOrderTimeout = .max
        var next = Int64.max
        for id in openOrderIDs {
            guard var order = orders[id] else { continue }
            if order.status == .pendingNew, let t = limits.ackTimeout, now.since(order.createdAt) >= t {
                do { try order.apply(.ackTimeout, at: now) } catch { continue }
                emit(.orderStatusUnknown(order), at: now)
                // Ask at once: the instrument is blocked (UNRESOLVED_ORDERS) until the broker answers,
                // and a lost acknowledgement would otherwise never be repaired.
                send(.queryStatus(id))
            } else if order.status == .accepted || order.status == .partiallyFilled, !order.fillTimedOut,
                      let t = limits.fillTimeout, now.since(order.createdAt) >= t {
                order.flagFillTimeout(at: now)
                fillTimeoutWindow.record(now)
                emit(.fillTimeout(FillTimeoutEvent(order: order, action: limits.fillTimeoutAction)), at: now)
                if limits.fillTimeoutAction == .cancel { requestCancel(order, now: now) }
            } else if let deadline = timeoutDeadline(of: order) {
                next = min(next, deadline)
            }
        }
        nextOrderTimeout = min(nextOrderTimeout, next)
    }

    /// When `order`, in its current status, times out (engine nanoseconds); nil when it cannot.
    func timeoutDeadline(of order: Order) -> Int64? {
        let span: TimeSpan?
        switch order.status {
        case .pendingNew: span = limits.ackTimeout
        case .accepted, .partiallyFilled: span = order.fillTimedOut ? nil : limits.fillTimeout
        default: span = nil
        }
        guard let span else { return nil }
        let (deadline, overflow) = order.createdAt.nanoseconds.addingReportingOverflow(span.nanoseconds)
        return overflow ? .max : deadline
    }
}
