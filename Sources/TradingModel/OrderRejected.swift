/// Payload of `orderRejected` and `orderCancelRejected`: the broker's refusal.
public struct OrderRejected: Hashable, Sendable, Codable {
    public let order: Order
    public let reason: String
    public init(order: Order, reason: String) {
        self.order = order
        self.reason = reason
    }
}
