/// The engine's only source of time. Live: the system clock; replay and tests: a clock
/// the driver sets, which is why the engine never calls the OS for time.
public protocol Clock: AnyObject {
    var now: Timestamp { get }
}

/// Issues engine order ids. Must be monotonic; restored from a snapshot on restart.
public protocol OrderIDSource: AnyObject {
    func nextOrderID() -> OrderID
    /// The id the next call would return (for snapshots).
    var peekNext: UInt64 { get }
}

/// A broker behind one protocol: the paper broker, a FIX 4.4 session, a fallback router.
///
/// Owned and called by the engine's thread only. Reports are not returned from
/// `submit`: they come back later through `pollReports` (simulated) or through the
/// engine inbox (live adapters post `EngineInput.broker`).
public protocol BrokerGateway {
    mutating func submit(_ order: Order, at time: Timestamp)
    mutating func cancel(_ order: Order, at time: Timestamp)
    /// A simulated venue matches its working orders against the bar; live brokers ignore it.
    mutating func marketData(_ bar: Bar)
    /// Moves reports that are due at or before `time` into `reports`.
    mutating func pollReports(upTo time: Timestamp, into reports: inout [BrokerReport])
    /// When the next report becomes due, if known (lets replay step through ack latency).
    func nextReportTime() -> Timestamp?
}

/// Where emitted events go (the journal writer, a recorder in tests).
public protocol EventSink {
    mutating func append(_ event: SequencedEvent)
}
