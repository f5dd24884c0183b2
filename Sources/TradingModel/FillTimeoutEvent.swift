/// Payload of `fillTimeout`.
public struct FillTimeoutEvent: Hashable, Sendable, Codable {
    public let order: Order
    public let action: FillTimeoutAction
    public init(order: Order, action: FillTimeoutAction) {
        self.order = order
        self.action = action
    }
}
