/// A broker behind one protocol: the paper broker, a FIX 4.4 session, a fallback router.
///
/// Owned and called by the engine's thread only. Reports are not returned from
/// `submit`: they come back later through `pollReports` (simulated) or through the
/// engine inbox (live adapters post `EngineInput.broker`).
public protocol BrokerGateway {
    mutating func submit(_ order: Order, at time: Timestamp)
    mutating func cancel(_ order: Order, at time: Timestamp)
    /// Asks for an order's status; the answer arrives later as a `BrokerReport.orderStatus`.
    mutating func queryStatus(_ id: OrderID, at time: Timestamp)
    /// A simulated venue matches its working orders against the bar; live brokers ignore it.
    mutating func marketData(_ bar: Bar)
    /// Moves reports that are due at or before `time` into `reports`.
    mutating func pollReports(upTo time: Timestamp, into reports: inout [BrokerReport])
    /// When the next report becomes due, if known (lets replay step through ack latency).
    func nextReportTime() -> Timestamp?
}
