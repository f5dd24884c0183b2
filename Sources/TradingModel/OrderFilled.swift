/// Payload of `orderFilled`: the fill and the order, position and cash after it.
public struct OrderFilled: Hashable, Sendable, Codable {
    public let fill: Fill
    public let order: Order
    public let position: Position
    /// Realized P&L this fill produced (before commission).
    public let realizedPnL: Money
    /// Account cash after the fill.
    public let cash: Money
    public init(fill: Fill, order: Order, position: Position, realizedPnL: Money, cash: Money) {
        self.fill = fill
        self.order = order
        self.position = position
        self.realizedPnL = realizedPnL
        self.cash = cash
    }
}
