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
    /// Admin restriction of a scope (`active` lifts the admin restriction); `principal` is who
    /// asked (journaled with the change).
    case setTradingState(TradingScope, TradingState, reason: String, principal: String? = nil)
    /// Admin reset of a tripped breaker.
    case resetCircuitBreaker(CircuitBreakerKind, TradingScope)
    /// Halt everything, cancel all open orders, optionally flatten every position.
    case activateKillSwitch(flatten: Bool, reason: String, principal: String? = nil)
    /// Lift the kill switch's halt (other restrictions stay).
    case resetKillSwitch
    case updateRiskLimits(RiskLimits)
}
