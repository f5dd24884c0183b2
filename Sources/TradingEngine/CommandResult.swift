import TradingModel

/// The engine's answer to a command, for the RPC layer (boxed: it carries whole orders,
/// and `EngineStep` is returned for every bar).
public indirect enum CommandResult: Hashable, Sendable {
    /// The order created (or, for a repeated client order id, the existing one).
    case order(Order)
    /// The order was refused by risk (its `OrderDenied` event is in the step).
    case denied(Order, RiskRejectReason, String)
    /// The named order does not exist.
    case orderNotFound(OrderID)
    /// The order cannot be cancelled in its current status.
    case notCancellable(Order)
    /// A signal was turned into this order, or ignored (reason).
    case signalIgnored(String)
    /// Done; see the events.
    case done
}
