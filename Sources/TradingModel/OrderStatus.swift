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

/// What happened to an order; the input of the status state machine.
public enum OrderStatusTrigger: String, Hashable, Sendable, Codable, CaseIterable {
    case accept = "ACCEPT"
    case reject = "REJECT"
    case partialFill = "PARTIAL_FILL"
    case fill = "FILL"
    case requestCancel = "REQUEST_CANCEL"
    case cancel = "CANCEL"
    case cancelReject = "CANCEL_REJECT"
    case expire = "EXPIRE"
    case ackTimeout = "ACK_TIMEOUT"
}

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
