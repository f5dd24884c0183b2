/// What to do with an order that missed its fill deadline.
public enum FillTimeoutAction: String, Hashable, Sendable, Codable {
    /// Ask the broker to cancel it.
    case cancel = "CANCEL"
    /// Keep it working; the order is flagged and counted.
    case flag = "FLAG"
}
