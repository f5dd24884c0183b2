/// Identity and access events: users, API tokens, sessions and the auth audit trail
/// (login success/failure, logout, refresh reuse, permission denials). Journaled like trading events,
/// so users and tokens are projections that a restart or `rebuild-projections` reproduces exactly.
public enum IdentityEvent: Sendable, Equatable, Codable {
    /// A user account was created (the password only as its self-describing hash).
    case userCreated(UserCreated)

    public struct UserCreated: Sendable, Equatable, Codable {
        public var username: String
        public var role: String
        public var passwordHash: String
        /// Who created it (`system` for the first-start admin), and from where.
        public var actor: String
        public var source: String

        public init(username: String, role: String, passwordHash: String, actor: String, source: String) {
            self.username = username
            self.role = role
            self.passwordHash = passwordHash
            self.actor = actor
            self.source = source
        }
    }

    /// Stable name for the journal and the audit trail.
    public var typeName: String {
        switch self {
        case .userCreated: "UserCreated"
        }
    }
}
