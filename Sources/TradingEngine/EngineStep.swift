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
