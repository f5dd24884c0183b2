/// A request from outside (RPC, CLI, admin) for the engine's ordered inbox.
public enum EngineCommand: Hashable, Sendable, Codable {
    /// Place an order; idempotent on `clientOrderID`.
    case submitOrder(OrderRequest)
    case cancelOrder(OrderID)
    /// Cancel/replace: a new order with the changed quantity or prices (and the given
    /// client order id) is risk-checked first; only if it passes is the old one cancelled
    /// and the new one sent. Quantity is the new total; fills of the old order count.
    case replaceOrder(OrderID, quantity: Quantity?, limitPrice: Price?, triggerPrice: Price?, clientOrderID: ClientOrderID?)
    /// Cancel every open order (of one instrument, or all).
    case cancelAllOrders(Symbol?)
    /// An external signal: sized and risk-checked like a strategy's.
    case submitSignal(Signal)
    /// Admin restriction of a scope (`active` lifts the admin restriction).
    case setTradingState(TradingScope, TradingState, reason: String)
    /// Admin reset of a tripped breaker.
    case resetCircuitBreaker(CircuitBreakerKind, TradingScope)
    /// Halt everything, cancel all open orders, optionally flatten every position.
    case activateKillSwitch(flatten: Bool, reason: String)
    /// Lift the kill switch's halt (other restrictions stay).
    case resetKillSwitch
    case updateRiskLimits(RiskLimits)
}

/// One item of the engine's single ordered inbox.
///
/// Commands are boxed (`indirect`) so the common inputs — bars, quotes, broker
/// reports — stay small and cheap to pass on the hot path.
public enum EngineInput: Hashable, Sendable, Codable {
    indirect case command(EngineCommand)
    case bar(Bar)
    case quote(Quote)
    case broker(BrokerReport)
    /// Periodic wake-up: timeouts, stale data, breaker cool-downs are checked at `Clock.now`.
    case timer
}

/// What a broker tells the engine about an order or about itself.
public enum BrokerReport: Hashable, Sendable, Codable {
    case accepted(OrderID, at: Timestamp)
    case rejected(OrderID, reason: String, at: Timestamp)
    case filled(Fill)
    case cancelled(OrderID, at: Timestamp)
    case cancelRejected(OrderID, reason: String, at: Timestamp)
    case expired(OrderID, at: Timestamp)
    case connectionChanged(connected: Bool, at: Timestamp)

    /// When the broker says this happened.
    public var timestamp: Timestamp {
        switch self {
        case .accepted(_, let t), .rejected(_, _, let t), .cancelled(_, let t), .cancelRejected(_, _, let t),
             .expired(_, let t), .connectionChanged(_, let t):
            return t
        case .filled(let f): return f.timestamp
        }
    }
}

/// An effect the engine asks its shell to perform on the broker.
public enum BrokerRequest: Hashable, Sendable, Codable {
    case submit(Order)
    case cancel(Order)
}
