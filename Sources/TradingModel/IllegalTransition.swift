/// A trigger that the current status does not allow; reported, never applied.
public struct IllegalTransition: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public let from: OrderStatus
    public let trigger: OrderStatusTrigger
    public init(from: OrderStatus, trigger: OrderStatusTrigger) {
        self.from = from
        self.trigger = trigger
    }
    public var description: String { "illegal transition: \(trigger.rawValue) in \(from.rawValue)" }
}
