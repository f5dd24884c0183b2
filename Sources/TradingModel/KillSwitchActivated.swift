/// Payload of `killSwitchActivated`.
public struct KillSwitchActivated: Hashable, Sendable, Codable {
    public let flatten: Bool
    public let reason: String
    public init(flatten: Bool, reason: String) {
        self.flatten = flatten
        self.reason = reason
    }
}
