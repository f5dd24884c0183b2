/// The lifecycle state of an order.
///
/// Terminal states (`filled`, `rejected`, `cancelled`, `expired`) accept no further
/// trigger. `unknown` means the order was sent and the broker has not confirmed it
/// within the acknowledgement timeout: it is neither assumed live nor assumed dead
/// until a broker report resolves it.
public enum OrderStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case pendingNew = "PENDING_NEW"
    case accepted = "ACCEPTED"
    case partiallyFilled = "PARTIALLY_FILLED"
    case filled = "FILLED"
    case rejected = "REJECTED"
    case pendingCancel = "PENDING_CANCEL"
    case cancelled = "CANCELLED"
    case expired = "EXPIRED"
    case unknown = "UNKNOWN"

    /// No trigger can leave this state.
    public var isTerminal: Bool {
        switch self {
        case .filled, .rejected, .cancelled, .expired: return true
        default: return false
        }
    }

    /// The order may still trade or is still held by the broker (counts as open).
    public var isOpen: Bool { !isTerminal }
}
