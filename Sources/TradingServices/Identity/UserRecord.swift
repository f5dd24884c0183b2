import Security

/// A user account as the server holds it in memory. The username is also the token subject
/// (`sub`): usernames never change, so a subject always names the same account.
public struct UserRecord: Sendable, Equatable {
    public let username: String
    public var role: Role
    /// The PHC-style scrypt string (`$scrypt$ln=…`); never logged or returned.
    var passwordHash: String
    public var enabled: Bool
    /// Nanoseconds since the Unix epoch (journal time).
    public let createdAt: Int64
    public var lastLoginAt: Int64?
}
