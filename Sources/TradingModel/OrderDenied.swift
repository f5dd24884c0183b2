/// Payload of `orderDenied`: the order (status REJECTED) and the machine-readable reason.
public struct OrderDenied: Hashable, Sendable, Codable {
    public let order: Order
    public let reason: RiskRejectReason
    public let detail: String
    public init(order: Order, reason: RiskRejectReason, detail: String) {
        self.order = order
        self.reason = reason
        self.detail = detail
    }
}
