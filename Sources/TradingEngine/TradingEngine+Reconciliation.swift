import TradingModel

extension TradingEngine {
    /// After a restart, orders whose broker outcome the engine cannot know: sent but never
    /// acknowledged (`PENDING_NEW`), already `UNKNOWN`, or with a cancel in flight (`PENDING_CANCEL`).
    ///
    /// `PENDING_NEW` orders become `UNKNOWN` (an `OrderStatusUnknown` event each): that blocks new
    /// orders for their instrument (`UNRESOLVED_ORDERS`) until the broker answers. Nothing is assumed
    /// filled or cancelled. Returns the step (events to journal) and the orders to ask the broker
    /// about, in id order; the broker's `BrokerReport.orderStatus` answers resolve them.
    public func beginReconciliation() -> (step: EngineStep, queries: [OrderID]) {
        outEvents.removeAll(keepingCapacity: true)
        outRequests.removeAll(keepingCapacity: true)
        let now = clock.now
        var queries: [OrderID] = []
        for id in openOrderIDs {
            guard var order = orders[id] else { continue }
            switch order.status {
            case .pendingNew:
                do { try order.apply(.ackTimeout, at: now) } catch { continue }
                emit(.orderStatusUnknown(order), at: now)
                queries.append(id)
            case .unknown, .pendingCancel:
                queries.append(id)
            default:
                break
            }
        }
        return (EngineStep(events: outEvents, requests: outRequests, result: nil), queries)
    }

    /// Applies a broker's order status answer, moving the order only as far as the answer proves.
    ///
    /// - working: an unacknowledged or `UNKNOWN` order is `ACCEPTED`; a `PENDING_CANCEL` one gets
    ///   its cancel request sent again (the first may have been lost).
    /// - cancelled / expired / rejected: the order ends that way.
    /// - notFound: an order that never reached the broker (no fills, not acknowledged) is rejected.
    /// - The broker reporting more filled than the engine knows leaves the order unresolved: the
    ///   missing fills must arrive as fill reports (with prices), never inferred from a status.
    /// An answer about an order already finished is ignored (a report overtook it).
    func onOrderStatus(_ status: BrokerOrderStatus, now: Timestamp) {
        let id = status.orderID
        guard let order = orders[id] else {
            emit(.brokerReportRefused(BrokerReportRefused(orderID: id, problem: .unknownOrder)), at: now)
            return
        }
        guard !order.status.isTerminal else { return }
        if status.filledQuantity > order.filledQuantity {
            emit(.brokerReportRefused(BrokerReportRefused(orderID: id, problem: .invalidFill(
                "the broker reports \(status.filledQuantity) filled, the engine knows \(order.filledQuantity): "
                    + "the order stays unresolved until the missing fill reports arrive"))), at: now)
            return
        }
        switch status.state {
        case .working:
            switch order.status {
            case .pendingNew, .unknown:
                resolve(order, .accept, now: now) { .orderAccepted($0) }
            case .pendingCancel:
                send(.cancel(order))
            default:
                break
            }
        case .cancelled:
            resolve(order, .cancel, now: now) { .orderCancelled($0) }
        case .expired:
            resolve(order, .expire, now: now) { .orderExpired($0) }
        case .rejected(let reason):
            resolve(order, .reject, now: now) { .orderRejected(OrderRejected(order: $0, reason: reason)) }
        case .filled:
            // Filled quantities equal (checked above) but the order is open: the broker and the
            // engine disagree on the order's size. Refuse rather than guess.
            emit(.brokerReportRefused(BrokerReportRefused(orderID: id, problem: .invalidFill(
                "the broker reports the order filled at \(status.filledQuantity), the engine's order is for \(order.quantity)"))),
                 at: now)
        case .notFound:
            if order.filledQuantity.isZero && (order.status == .pendingNew || order.status == .unknown) {
                resolve(order, .reject, now: now) {
                    .orderRejected(OrderRejected(order: $0, reason: "the broker has no record of the order"))
                }
            } else {
                emit(.brokerReportRefused(BrokerReportRefused(orderID: id, problem: .unknownOrder)), at: now)
            }
        }
    }

    private func resolve(_ order: Order, _ trigger: OrderStatusTrigger, now: Timestamp, _ make: (Order) -> EngineEvent) {
        var next = order
        do {
            try next.apply(trigger, at: now)
        } catch {
            emit(.brokerReportRefused(BrokerReportRefused(orderID: order.id, problem: .illegalTransition(error))), at: now)
            return
        }
        emit(make(next), at: now)
    }
}
