import TradingModel

extension TradingEngine {
    func onCommand(_ command: EngineCommand, now: Timestamp) -> CommandResult {
        switch command {
        case .submitOrder(let request):
            return place(request, isExit: false, now: now)
        case .cancelOrder(let id):
            guard let order = orders[id] else { return .orderNotFound(id) }
            return requestCancel(order, now: now) ? .order(orders[id] ?? order) : .notCancellable(order)
        case .replaceOrder(let id, let quantity, let limitPrice, let triggerPrice, let clientOrderID):
            return replace(id, quantity: quantity, limitPrice: limitPrice, triggerPrice: triggerPrice,
                           clientOrderID: clientOrderID, now: now)
        case .cancelAllOrders(let symbol):
            cancelOpenOrders(scope: symbol.map { .instrument($0) } ?? .account, includeExits: true, now: now)
            return .done
        case .submitSignal(let signal):
            return onSignal(signal, now: now)
        case .setTradingState(let scope, let state, let reason, let principal):
            setRestriction(scope, source: .admin, state: state, reason: reason, principal: principal, now: now)
            return .done
        case .resetCircuitBreaker(let kind, let scope):
            resetBreaker(kind, scope: scope, detail: "reset by admin", now: now)
            return .done
        case .activateKillSwitch(let flatten, let reason, let principal):
            activateKillSwitch(flatten: flatten, reason: reason, principal: principal, now: now)
            return .done
        case .resetKillSwitch:
            setRestriction(.account, source: .killSwitch, state: .active, reason: "kill switch reset", now: now)
            return .done
        case .updateRiskLimits(let newLimits):
            emit(.riskLimitsChanged(newLimits), at: now)
            return .done
        }
    }

    /// Validates, risk-checks and (if allowed) sends an order. Idempotent on the client
    /// order id: a repeat returns the existing order and emits nothing.
    func place(_ request: OrderRequest, isExit: Bool, now: Timestamp, checked: Bool = false) -> CommandResult {
        if let c = request.clientOrderID, let existingID = clientOrderIDs[c], let existing = orders[existingID] {
            return .order(existing)
        }
        let verdict = checked ? nil : preTradeCheck(request, isExit: isExit, now: now)
        let id = ids.nextOrderID()
        if let denial = verdict {
            let order = Order(id: id, request: request, createdAt: now, isExit: isExit, status: .rejected)
            emit(.orderDenied(OrderDenied(order: order, reason: denial.reason, detail: denial.detail)), at: now)
            recordRejectionForRates(now)
            return .denied(order, denial.reason, denial.detail)
        }
        let order = Order(id: id, request: request, createdAt: now, isExit: isExit)
        accountSubmits.record(now)
        if let s = request.strategyID, limits.maxSubmitsPerSecondPerStrategy != nil {
            strategySubmits[s, default: SlidingWindowCounter(
                capacity: (limits.maxSubmitsPerSecondPerStrategy ?? 0) + 1, window: .seconds(1))].record(now)
        }
        submittedWindow.record(now)
        emit(.orderSubmitted(order), at: now)
        send(.submit(order))
        return .order(order)
    }

    /// Cancel/replace done by the engine (brokers without native replace behave the same):
    /// the replacement must pass risk on its own, then the old order is cancelled and the
    /// replacement sent for the quantity the old one has not filled.
    func replace(_ id: OrderID, quantity: Quantity?, limitPrice: Price?, triggerPrice: Price?,
                 clientOrderID: ClientOrderID?, now: Timestamp) -> CommandResult {
        guard let old = orders[id] else { return .orderNotFound(id) }
        if let c = clientOrderID, let existingID = clientOrderIDs[c], let existing = orders[existingID] {
            return .order(existing)
        }
        guard old.status == .accepted || old.status == .partiallyFilled || old.status == .pendingNew else {
            return .notCancellable(old)
        }
        var request = old.request
        request.clientOrderID = clientOrderID
        let total = quantity ?? old.quantity
        request.quantity = Quantity(raw: total.raw &- old.filledQuantity.raw)
        if let limitPrice { request.limitPrice = limitPrice }
        if let triggerPrice { request.triggerPrice = triggerPrice }
        guard request.quantity.isPositive else {
            return requestCancel(old, now: now) ? .order(orders[id] ?? old) : .notCancellable(old)
        }
        // Judge the replacement as if the old order were gone (it is about to be).
        var cancelling = old
        do { try cancelling.apply(.requestCancel, at: now) } catch { return .notCancellable(old) }
        // The old order counts as gone while the replacement is judged (it is about to go).
        let verdict = preTradeCheck(request, isExit: old.isExit, now: now, replacing: old)
        if let denial = verdict {
            let denied = Order(id: ids.nextOrderID(), request: request, createdAt: now, isExit: old.isExit, status: .rejected)
            emit(.orderDenied(OrderDenied(order: denied, reason: denial.reason, detail: "replacement of \(id): \(denial.detail)")),
                 at: now)
            recordRejectionForRates(now)
            return .denied(denied, denial.reason, denial.detail)
        }
        requestCancel(old, now: now)
        return place(request, isExit: old.isExit, now: now, checked: true)
    }

    /// Asks the broker to cancel an open order. Returns false when its status forbids it.
    @discardableResult
    func requestCancel(_ order: Order, now: Timestamp) -> Bool {
        var o = order
        do { try o.apply(.requestCancel, at: now) } catch { return false }
        emit(.orderCancelRequested(o), at: now)
        send(.cancel(o))
        return true
    }

    /// Requests cancellation of every open order in `scope` (in id order).
    func cancelOpenOrders(scope: TradingScope, includeExits: Bool, now: Timestamp) {
        for id in openOrderIDs {
            guard let o = orders[id], o.status != .pendingCancel else { continue }
            if !includeExits && o.isExit { continue }
            if case .instrument(let s) = scope, o.symbol != s { continue }
            requestCancel(o, now: now)
        }
    }

    func recordRejectionForRates(_ now: Timestamp) {
        submittedWindow.record(now)
        rejectedWindow.record(now)
    }

    // MARK: Broker reports

    func onBrokerReport(_ report: BrokerReport, now: Timestamp) {
        switch report {
        case .accepted(let id, _):
            if transition(id, .accept, now: now, { .orderAccepted($0) }) {
                consecutiveRejections = 0
                acceptedWindow.record(now)
            }
        case .rejected(let id, let reason, _):
            if transition(id, .reject, now: now, { .orderRejected(OrderRejected(order: $0, reason: reason)) }) {
                rejectedWindow.record(now)
                consecutiveRejections += 1
                if let max = limits.maxConsecutiveRejections, consecutiveRejections >= max {
                    tripBreaker(.consecutiveRejections, scope: .account,
                                detail: "\(consecutiveRejections) consecutive broker rejections", now: now)
                }
            }
        case .cancelled(let id, _):
            transition(id, .cancel, now: now) { .orderCancelled($0) }
        case .cancelRejected(let id, let reason, _):
            transition(id, .cancelReject, now: now) { .orderCancelRejected(OrderRejected(order: $0, reason: reason)) }
        case .expired(let id, _):
            transition(id, .expire, now: now) { .orderExpired($0) }
        case .filled(let fill):
            onFill(fill, now: now)
        case .orderStatus(let status):
            onOrderStatus(status, now: now)
        case .connectionChanged(let connected, _):
            if connected {
                resetBreaker(.brokerDisconnected, scope: .account, detail: "broker reconnected", now: now)
            } else {
                tripBreaker(.brokerDisconnected, scope: .account, detail: "broker disconnected", now: now)
            }
        }
    }

    /// Applies a non-fill trigger; an unknown order or illegal transition is reported
    /// as `BrokerReportRefused` and changes nothing.
    @discardableResult
    private func transition(_ id: OrderID, _ trigger: OrderStatusTrigger, now: Timestamp,
                            _ make: (Order) -> EngineEvent) -> Bool {
        guard var order = orders[id] else {
            emit(.brokerReportRefused(BrokerReportRefused(orderID: id, problem: .unknownOrder)), at: now)
            return false
        }
        do {
            try order.apply(trigger, at: now)
        } catch {
            emit(.brokerReportRefused(BrokerReportRefused(orderID: id, problem: .illegalTransition(error))), at: now)
            return false
        }
        emit(make(order), at: now)
        return true
    }

    private func onFill(_ fill: Fill, now: Timestamp) {
        func refuse(_ problem: BrokerReportProblem) {
            emit(.brokerReportRefused(BrokerReportRefused(orderID: fill.orderID, problem: problem)), at: now)
        }
        guard var order = orders[fill.orderID] else { return refuse(.unknownOrder) }
        if tradeIDs.contains(fill.tradeID) { return refuse(.duplicateTrade(fill.tradeID)) }
        guard fill.symbol == order.symbol, fill.side == order.side, let i = slotIndex[fill.symbol] else {
            return refuse(.invalidFill("symbol or side does not match the order"))
        }
        let instrument = slots[i].instrument
        guard instrument.isOnTick(fill.price), instrument.isOnLot(fill.quantity), !fill.commission.isNegative else {
            return refuse(.invalidFill("price off tick, quantity off lot or negative commission"))
        }
        do {
            try order.recordFill(quantity: fill.quantity, price: fill.price, at: now)
        } catch {
            switch error {
            case .overfill(let leaves, let attempted): return refuse(.overfill(leaves: leaves, attempted: attempted))
            case .illegal(let t): return refuse(.illegalTransition(t))
            case .nonPositiveQuantity: return refuse(.invalidFill("non-positive quantity"))
            case .arithmetic: return refuse(.invalidFill("arithmetic overflow"))
            }
        }
        var position = slots[i].position
        let before = position.quantity
        let realized: Money
        let newCash: Money
        do {
            realized = try position.apply(fill, multiplier: instrument.multiplier)
            let flow = try fill.price.notional(fill.signedQuantity, multiplier: instrument.multiplier)
            newCash = try cash.subtracting(flow).subtracting(fill.commission)
        } catch {
            return refuse(.invalidFill("arithmetic overflow"))
        }
        if let last = slots[i].lastPrice { position.mark(last, at: now) }
        emit(.orderFilled(OrderFilled(fill: fill, order: order, position: position, realizedPnL: realized, cash: newCash)),
             at: now)
        emit(.positionChanged(position), at: now)
        updateStopsAfterFill(slot: i, order: order, before: before, now: now)
        if let sid = order.strategyID {
            for k in slots[i].strategies where strategies[k].id == sid { strategies[k].onFill(fill) }
        }
        checkEquityLimits(now)
    }
}
