import TradingModel

/// A broker double that records what the engine sent and returns whatever reports
/// the test queues. Real behaviour, no expectations: the test decides the replies.
public final class ScriptedBroker: BrokerGateway {
    public private(set) var submitted: [Order] = []
    public private(set) var cancelled: [Order] = []
    /// Orders the engine asked about, in order.
    public private(set) var queried: [OrderID] = []
    private var pending: [BrokerReport] = []
    public init() {}

    public func submit(_ order: Order, at time: Timestamp) { submitted.append(order) }
    public func cancel(_ order: Order, at time: Timestamp) { cancelled.append(order) }
    public func queryStatus(_ id: OrderID, at time: Timestamp) { queried.append(id) }
    public func marketData(_ bar: Bar) {}
    /// Queues a report for the next poll.
    public func reply(_ report: BrokerReport) { pending.append(report) }
    public func pollReports(upTo time: Timestamp, into reports: inout [BrokerReport]) {
        reports.append(contentsOf: pending.filter { $0.timestamp <= time })
        pending.removeAll { $0.timestamp <= time }
    }
    public func nextReportTime() -> Timestamp? { pending.map(\.timestamp).min() }
}
