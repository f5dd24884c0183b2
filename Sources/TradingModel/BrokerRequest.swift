/// An effect the engine asks its shell to perform on the broker.
public enum BrokerRequest: Hashable, Sendable, Codable {
    case submit(Order)
    case cancel(Order)
    /// Ask the broker what became of an order whose outcome the engine cannot know (no
    /// acknowledgement in time, or a restart); the answer is a `BrokerReport.orderStatus`.
    case queryStatus(OrderID)
}
