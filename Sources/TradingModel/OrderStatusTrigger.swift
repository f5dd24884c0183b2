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
