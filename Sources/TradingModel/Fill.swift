/// One execution reported by a broker.
public struct Fill: Hashable, Sendable, Codable {
    /// The broker's execution id; a second fill with the same id is refused as a duplicate.
    public let tradeID: TradeID
    public let orderID: OrderID
    public let symbol: Symbol
    public let side: OrderSide
    public let quantity: Quantity
    public let price: Price
    /// Fee charged for this execution (positive = cost).
    public let commission: Money
    public let timestamp: Timestamp

    public init(tradeID: TradeID, orderID: OrderID, symbol: Symbol, side: OrderSide, quantity: Quantity,
                price: Price, commission: Money, timestamp: Timestamp) {
        self.tradeID = tradeID
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.commission = commission
        self.timestamp = timestamp
    }

    /// Quantity signed by side (+ buy, - sell).
    public var signedQuantity: Quantity { Quantity(raw: side == .buy ? quantity.raw : -quantity.raw) }
}
