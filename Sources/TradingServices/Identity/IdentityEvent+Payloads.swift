/// The payloads of `IdentityEvent`. Plain Codable values: the journal stores them as canonical JSON,
/// so fields may be added later (as optionals) without a migration.
extension IdentityEvent {
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

    public struct UserRoleChanged: Sendable, Equatable, Codable {
        public var username: String
        public var role: String
        public var previousRole: String
        public var actor: String
        public var source: String
    }

    public struct UserDisabled: Sendable, Equatable, Codable {
        public var username: String
        public var reason: String
        public var actor: String
        public var source: String
    }

    public struct UserPasswordChanged: Sendable, Equatable, Codable {
        public var username: String
        public var passwordHash: String
        public var actor: String
        public var source: String
    }

    public struct ApiTokenCreated: Sendable, Equatable, Codable {
        public var tokenID: String
        public var name: String
        public var role: String
        /// Hex SHA-256 of the token; the token itself is returned once and never stored.
        public var tokenHash: String
        public var createdAt: Int64
        public var expiresAt: Int64?
        public var actor: String
        public var source: String
    }

    public struct ApiTokenRevoked: Sendable, Equatable, Codable {
        public var tokenID: String
        public var revokedAt: Int64
        public var reason: String
        public var actor: String
        public var source: String
    }

    public struct RefreshTokenIssued: Sendable, Equatable, Codable {
        public var familyID: String
        public var subject: String
        public var tokenHash: String
        public var createdAt: Int64
        public var expiresAt: Int64
        public var familyExpiresAt: Int64
        public var source: String
    }

    public struct RefreshTokenRotated: Sendable, Equatable, Codable {
        public var familyID: String
        public var subject: String
        public var consumedHash: String
        public var tokenHash: String
        public var expiresAt: Int64
        public var source: String
    }

    public struct RefreshFamilyRevoked: Sendable, Equatable, Codable {
        public var familyID: String
        public var subject: String
        /// `RefreshTokenFamily.RevocationReason` raw value.
        public var reason: String
        public var revokedAt: Int64
        public var actor: String
        public var source: String
    }

    public struct RefreshFamiliesPurged: Sendable, Equatable, Codable {
        /// Families whose absolute expiry is at or before this time were removed.
        public var expiredBy: Int64
    }

    /// A login attempt: `actor` is the username as presented (normalised), `outcome` `success`
    /// or `failure`, `reason` says why a failure failed (`bad_credentials`, `disabled`, `throttled`).
    public struct LoginAttempt: Sendable, Equatable, Codable {
        public var actor: String
        public var source: String
        public var outcome: String
        public var reason: String
    }

    public struct LoggedOut: Sendable, Equatable, Codable {
        public var actor: String
        public var source: String
        /// The access token's `jti` and when it expires (seconds), so a restart keeps refusing it.
        public var tokenID: String
        public var tokenExpiresAt: Int64
        public var allSessions: Bool
    }

    public struct RefreshTokenReuse: Sendable, Equatable, Codable {
        public var familyID: String
        public var subject: String
        public var source: String
    }

    public struct PermissionDenied: Sendable, Equatable, Codable {
        public var actor: String
        public var role: String
        public var method: String
        public var source: String
        /// Denials of this actor not journaled individually since the previous event (flood control).
        public var suppressed: Int
    }
}
