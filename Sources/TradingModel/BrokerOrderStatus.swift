/// What a broker says about one order when asked (an order status request), used to resolve
/// orders whose outcome the engine does not know after a restart.
///
/// The broker is the authority: the engine moves the order only as far as this answer proves,
/// and never assumes a fill or a cancellation the broker did not report.
public struct BrokerOrderStatus: Hashable, Sendable, Codable {
    public enum State: Hashable, Sendable, Codable {
        /// The broker holds the order and it may still trade.
        case working
        /// The broker finished the order without (further) trading.
        case cancelled, expired
        /// The broker refused the order.
        case rejected(reason: String)
        /// The broker filled the order completely.
        case filled
        /// The broker has no record of the order: it never arrived.
        case notFound
    }

    public let orderID: OrderID
    public let state: State
    /// The quantity the broker has filled so far (fills are still reported one by one).
    public let filledQuantity: Quantity
    public let timestamp: Timestamp

    public init(orderID: OrderID, state: State, filledQuantity: Quantity, at timestamp: Timestamp) {
        self.orderID = orderID
        self.state = state
        self.filledQuantity = filledQuantity
        self.timestamp = timestamp
    }
}
