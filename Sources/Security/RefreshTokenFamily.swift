/// One login session's chain of refresh tokens, as a pure state machine.
///
/// Each `Auth.Refresh` consumes the current token and makes a new one current. A token that
/// was already consumed and is presented again means two parties hold the chain (theft, or a
/// replayed request): the whole family is revoked, so the thief's and the victim's tokens both
/// stop working and the user must log in again (RFC 6819 §5.2.2.3, OAuth 2.0 Security BCP §4.14).
///
/// Value type with no I/O: `RefreshTokenService` loads it from a `RefreshTokenStore`, applies
/// one transition inside the store's atomic update, and saves it back.
public struct RefreshTokenFamily: Sendable, Equatable {
    public enum RevocationReason: String, Sendable, Equatable {
        /// A consumed token was presented again.
        case reuseDetected
        /// `Auth.Logout`.
        case logout
        /// The user was disabled, changed role or password, or an admin revoked the user's sessions.
        case subjectRevoked
        /// The current token or the family reached its lifetime.
        case expired
    }

    public enum RotationOutcome: Sendable, Equatable {
        case rotated
        case reuseDetected
        case revoked(RevocationReason)
        case expired
        /// The presented hash belongs to no token of this family (store inconsistency).
        case unknownToken
    }

    public let id: String
    public let subject: String
    public let createdAt: UnixTime
    /// The family ends here whatever happens (re-authentication at least this often).
    public let absoluteExpiry: UnixTime
    /// The hash of the only token that may be presented next (nil once revoked).
    public private(set) var currentHash: SHA256Digest?
    public private(set) var currentExpiresAt: UnixTime
    /// Hashes of consumed tokens: presenting one of these is reuse.
    public private(set) var consumedHashes: Set<SHA256Digest>
    /// Number of rotations so far.
    public private(set) var generation: Int
    public private(set) var revokedAt: UnixTime?
    public private(set) var revocationReason: RevocationReason?

    public init(id: String, subject: String, firstTokenHash: SHA256Digest, now: UnixTime,
                tokenLifetime: Duration, familyLifetime: Duration) {
        self.id = id
        self.subject = subject
        self.createdAt = now
        self.absoluteExpiry = now + familyLifetime
        self.currentHash = firstTokenHash
        self.currentExpiresAt = min(now + tokenLifetime, now + familyLifetime)
        self.consumedHashes = []
        self.generation = 0
    }

    /// Rebuilds a family exactly as a store saved it (journal replay, database rows). No
    /// validation: the values come from this server's own earlier state, never from a client.
    public init(restoring id: String, subject: String, createdAt: UnixTime, absoluteExpiry: UnixTime,
                currentHash: SHA256Digest?, currentExpiresAt: UnixTime, consumedHashes: Set<SHA256Digest>,
                generation: Int, revokedAt: UnixTime?, revocationReason: RevocationReason?) {
        self.id = id
        self.subject = subject
        self.createdAt = createdAt
        self.absoluteExpiry = absoluteExpiry
        self.currentHash = currentHash
        self.currentExpiresAt = currentExpiresAt
        self.consumedHashes = consumedHashes
        self.generation = generation
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }

    /// Every hash that maps to this family (for store indexes).
    public var allHashes: Set<SHA256Digest> {
        var all = consumedHashes
        if let currentHash { all.insert(currentHash) }
        return all
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// Presents `presented` and, if it is the current valid token, replaces it by `replacement`.
    public mutating func rotate(presented: SHA256Digest, replacement: SHA256Digest, now: UnixTime,
                                tokenLifetime: Duration) -> RotationOutcome {
        if let reason = revocationReason {
            return reason == .expired ? .expired : .revoked(reason)
        }
        if presented == currentHash {
            if now >= currentExpiresAt || now >= absoluteExpiry {
                revoke(reason: .expired, now: now)
                return .expired
            }
            consumedHashes.insert(presented)
            currentHash = replacement
            currentExpiresAt = min(now + tokenLifetime, absoluteExpiry)
            generation += 1
            return .rotated
        }
        if consumedHashes.contains(presented) {
            revoke(reason: .reuseDetected, now: now)
            return .reuseDetected
        }
        return .unknownToken
    }

    /// Ends the family; no token of it is accepted again. The first reason is kept.
    public mutating func revoke(reason: RevocationReason, now: UnixTime) {
        guard revokedAt == nil else { return }
        if let currentHash { consumedHashes.insert(currentHash) }
        currentHash = nil
        revokedAt = now
        revocationReason = reason
    }
}
