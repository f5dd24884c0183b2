/// How long an order works.
public enum TimeInForce: String, Hashable, Sendable, Codable, CaseIterable {
    /// Good till cancelled.
    case gtc = "GTC"
    /// Immediate or cancel: fill what is possible on the first eligible bar, cancel the rest.
    case ioc = "IOC"
    /// Fill or kill: fill completely on the first eligible bar or cancel.
    case fok = "FOK"
    /// Expires when the UTC day changes.
    case day = "DAY"
}
