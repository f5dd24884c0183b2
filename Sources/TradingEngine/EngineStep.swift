import TradingModel

/// What one `TradingEngine.handle(_:)` call produced.
///
/// `events` are already applied to the engine's state and must be journaled and
/// published in order; `requests` are effects for the broker, to be performed after
/// the events are durable. Both arrays are empty (no allocation) for most bars.
public struct EngineStep: Sendable {
    public var events: [SequencedEvent]
    public var requests: [BrokerRequest]
    /// The direct answer to a command (nil for market data, broker reports and timers).
    public var result: CommandResult?

    public init(events: [SequencedEvent] = [], requests: [BrokerRequest] = [], result: CommandResult? = nil) {
        self.events = events
        self.requests = requests
        self.result = result
    }
}

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
