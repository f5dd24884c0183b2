/// Issues, rotates and revokes opaque refresh tokens (`Auth.Login`, `Auth.Refresh`,
/// `Auth.Logout`), on top of a `RefreshTokenStore`.
///
/// The service layer must, after a successful `rotate`, re-read the user (enabled? current
/// role?) before minting the new access token: the refresh token proves the session, not the
/// role. On `.reuseDetected` it should write an audit event and may also revoke the subject's
/// access tokens (`AccessTokenAuthenticator.revokeTokens(ofSubject:)`).
public final class RefreshTokenService: Sendable {
    public enum RefreshError: Error, Sendable, Equatable {
        /// Not a well-formed refresh token, or unknown to the store.
        case invalidToken
        case expired
        case revoked(RefreshTokenFamily.RevocationReason)
        /// A consumed token was presented again: the family is now revoked. Audit this.
        case reuseDetected(familyID: String, subject: String)
        case storage(TokenStoreError)
        case openSSL(OpenSSLError)
    }

    /// A token to hand to the client (once) and what it belongs to.
    public struct Issued: Sendable, Equatable {
        public let token: String
        public let familyID: String
        public let subject: String
        public let expiresAt: UnixTime
    }

    private let store: any RefreshTokenStore
    private let clock: any SecurityClock
    /// Lifetime of one refresh token (issue 6 default: 7 days).
    public let tokenLifetime: Duration
    /// Upper bound of a session however often it refreshes (default: 30 days).
    public let familyLifetime: Duration

    public init(store: any RefreshTokenStore, clock: any SecurityClock,
                tokenLifetime: Duration = .seconds(7 * 86_400), familyLifetime: Duration = .seconds(30 * 86_400)) {
        self.store = store
        self.clock = clock
        self.tokenLifetime = tokenLifetime
        self.familyLifetime = familyLifetime
    }

    /// Starts a new family at login.
    public func issue(subject: String) throws(RefreshError) -> Issued {
        let now = clock.now()
        let generated: (token: String, hash: SHA256Digest), familyID: String
        do {
            generated = try OpaqueToken.generate(.refresh)
            familyID = Base64URL.encode(try SecureRandom.bytes(16))
        } catch { throw .openSSL(error) }
        let family = RefreshTokenFamily(id: familyID, subject: subject, firstTokenHash: generated.hash, now: now,
                                        tokenLifetime: tokenLifetime, familyLifetime: familyLifetime)
        do { try store.insert(family) } catch { throw .storage(error) }
        return Issued(token: generated.token, familyID: familyID, subject: subject, expiresAt: family.currentExpiresAt)
    }

    /// Consumes `presented` and returns its successor (`Auth.Refresh`).
    public func rotate(_ presented: String) throws(RefreshError) -> Issued {
        guard let presentedHash = OpaqueToken.lookupHash(of: presented, expecting: .refresh) else { throw .invalidToken }
        let now = clock.now()
        let replacement: (token: String, hash: SHA256Digest)
        do { replacement = try OpaqueToken.generate(.refresh) } catch { throw .openSSL(error) }
        let lifetime = tokenLifetime
        let result: (RefreshTokenFamily.RotationOutcome, RefreshTokenFamily)?
        do {
            result = try store.update(familyContaining: presentedHash) { family in
                let outcome = family.rotate(presented: presentedHash, replacement: replacement.hash, now: now,
                                            tokenLifetime: lifetime)
                return (outcome, family)
            }
        } catch { throw .storage(error) }
        guard let (outcome, family) = result else { throw .invalidToken }
        switch outcome {
        case .rotated:
            return Issued(token: replacement.token, familyID: family.id, subject: family.subject,
                          expiresAt: family.currentExpiresAt)
        case .reuseDetected: throw .reuseDetected(familyID: family.id, subject: family.subject)
        case .revoked(let reason): throw .revoked(reason)
        case .expired: throw .expired
        case .unknownToken: throw .invalidToken
        }
    }

    /// Revokes the family of `token` (`Auth.Logout`). Returns the family's subject, or nil
    /// when the token is unknown (logout stays idempotent and reveals nothing).
    @discardableResult
    public func revokeFamily(of token: String, reason: RefreshTokenFamily.RevocationReason = .logout) throws(RefreshError) -> String? {
        guard let hash = OpaqueToken.lookupHash(of: token, expecting: .refresh) else { return nil }
        let now = clock.now()
        do {
            return try store.update(familyContaining: hash) { family in
                family.revoke(reason: reason, now: now)
                return family.subject
            }
        } catch { throw .storage(error) }
    }

    /// Revokes every session of `subject` (disabled user, password or role change).
    public func revokeAll(subject: String) throws(RefreshError) {
        let now = clock.now()
        do { try store.updateFamilies(ofSubject: subject) { $0.revoke(reason: .subjectRevoked, now: now) } }
        catch { throw .storage(error) }
    }
}
