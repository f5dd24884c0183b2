/// What a broker tells the engine about an order or about itself.
public enum BrokerReport: Hashable, Sendable, Codable {
    case accepted(OrderID, at: Timestamp)
    case rejected(OrderID, reason: String, at: Timestamp)
    case filled(Fill)
    case cancelled(OrderID, at: Timestamp)
    case cancelRejected(OrderID, reason: String, at: Timestamp)
    case expired(OrderID, at: Timestamp)
    case connectionChanged(connected: Bool, at: Timestamp)
    /// The broker's answer to an order status query (reconciliation after a restart).
    case orderStatus(BrokerOrderStatus)

    /// When the broker says this happened.
    public var timestamp: Timestamp {
        switch self {
        case .accepted(_, let t), .rejected(_, _, let t), .cancelled(_, let t), .cancelRejected(_, _, let t),
             .expired(_, let t), .connectionChanged(_, let t):
            return t
        case .filled(let f): return f.timestamp
        case .orderStatus(let s): return s.timestamp
        }
    }
}
