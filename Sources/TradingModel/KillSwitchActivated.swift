/// Payload of `killSwitchActivated`.
public struct KillSwitchActivated: Hashable, Sendable, Codable {
    public let flatten: Bool
    public let reason: String
    /// The admin who pulled the switch (nil in older journals).
    public let principal: String?
    public init(flatten: Bool, reason: String, principal: String? = nil) {
        self.flatten = flatten
        self.reason = reason
        self.principal = principal
    }
}
