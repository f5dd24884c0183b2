/// An effect the engine asks its shell to perform on the broker.
public enum BrokerRequest: Hashable, Sendable, Codable {
    case submit(Order)
    case cancel(Order)
}
