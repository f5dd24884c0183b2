import Synchronization

/// Per-RPC authentication of bearer access tokens: a verified-token cache in front of
/// `AccessTokenVerifier`, plus revocation by `jti` and by subject.
///
/// Why a cache: RS256 verification costs tens of microseconds; a client sends the same token
/// on every RPC for up to 15 minutes. The cache is keyed by the token's length and last 64 bytes
/// (`TokenCacheKey`: the tail of its signature) and a hit is confirmed by a constant-time
/// comparison with the whole cached token, so a hit costs one small hash, one lock, one lookup and
/// one pass over the token (see docs/PERFORMANCE.md). An entry lives until the token's expiry
/// (plus skew) or until it is revoked.
///
/// Revocation: `revoke(tokenID:expiresAt:)` (logout) and `revokeTokens(ofSubject:)` (disabled
/// user, role change, "log out everywhere") remove matching cache entries at once and are
/// remembered so an uncached presentation is refused too. Revocation checks and cache
/// insertion happen under the same lock, so a verification racing a revocation can never
/// re-insert a revoked token.
///
/// Thread-safety: `Sendable`; all mutable state is behind one `Mutex`. RS256 verification
/// runs outside the lock.
public final class AccessTokenAuthenticator: Sendable {
    struct CacheEntry {
        let principal: Principal
        let issuedAt: Int64
        /// The verified token, to confirm a hit byte for byte.
        let token: String
    }

    struct State {
        var cache: [TokenCacheKey: CacheEntry] = [:]
        /// Revoked `jti`s and the instant after which remembering them is pointless.
        var revokedTokenIDs: [String: UnixTime] = [:]
        /// Tokens of a subject with `iat <= cutoff` are revoked.
        var subjectCutoffs: [String: Int64] = [:]

        func isRevoked(tokenID: String, subject: String, issuedAt: Int64) -> Bool {
            if revokedTokenIDs[tokenID] != nil { return true }
            if let cutoff = subjectCutoffs[subject], issuedAt <= cutoff { return true }
            return false
        }
    }

    public let verifier: AccessTokenVerifier
    private let clock: any SecurityClock
    private let capacity: Int
    private let state = Mutex(State())

    /// - Parameter cacheCapacity: upper bound on cached tokens (only valid tokens are cached,
    ///   so it bounds memory against many legitimate sessions, not against attackers).
    public init(verifier: AccessTokenVerifier, clock: any SecurityClock, cacheCapacity: Int = 100_000) {
        self.verifier = verifier
        self.clock = clock
        self.capacity = max(1, cacheCapacity)
    }

    /// Authenticates a raw token (the part after `Bearer `).
    public func authenticate(token: String) throws(TokenVerificationError) -> Principal {
        try authenticate(token: token[...])
    }

    /// The cache path works on the substring in place; the token is copied into its own
    /// `String` only on a miss, when the (far more expensive) verification runs anyway. Public so
    /// a caller that already split the `Bearer` value does not parse it twice.
    public func authenticate(token: Substring) throws(TokenVerificationError) -> Principal {
        let now = clock.now()
        guard token.utf8.count <= verifier.configuration.maxTokenBytes else { throw .oversized }
        let key = TokenCacheKey(token)
        let hit: Principal?? = state.withLock { state in
            guard let entry = state.cache[key], TokenCacheKey.constantTimeEqual(entry.token, token) else { return .none }
            if now < entry.principal.validUntil { return .some(entry.principal) }
            state.cache[key] = nil
            return .some(nil)
        }
        switch hit {
        case .some(.some(let principal)): return principal
        case .some(.none): throw .expired
        case .none: break
        }

        let tokenText = String(token)
        let claims = try verifier.verify(tokenText, at: now)
        let principal = Principal(
            subject: claims.subject, role: claims.role, credential: .accessToken(tokenID: claims.tokenID),
            validUntil: UnixTime(seconds: claims.expiresAt) + verifier.configuration.clockSkew)
        let revoked = state.withLock { state -> Bool in
            if state.isRevoked(tokenID: claims.tokenID, subject: claims.subject, issuedAt: claims.issuedAt) { return true }
            if state.cache.count >= capacity { Self.evict(&state, now: now, capacity: capacity) }
            state.cache[key] = CacheEntry(principal: principal, issuedAt: claims.issuedAt, token: tokenText)
            return false
        }
        if revoked { throw .revoked }
        return principal
    }

    /// Authenticates an `authorization` metadata value of the form `Bearer <token>`.
    /// A missing or non-Bearer value is `.malformedStructure` (UNAUTHENTICATED either way).
    public func authenticate(authorization: String?) throws(TokenVerificationError) -> Principal {
        guard let authorization, let token = BearerToken.extract(fromAuthorization: authorization) else {
            throw .malformedStructure
        }
        return try authenticate(token: token)
    }

    /// Revokes one token (logout). `expiresAt` is its `exp`; the revocation is forgotten after it.
    public func revoke(tokenID: String, expiresAt: Int64) {
        let until = UnixTime(seconds: expiresAt) + verifier.configuration.clockSkew
        state.withLock { state in
            state.revokedTokenIDs[tokenID] = until
            state.cache = state.cache.filter { $0.value.principal.credential != .accessToken(tokenID: tokenID) }
        }
    }

    /// Revokes every access token of `subject` issued up to now (disabled user, role change,
    /// password change). Tokens issued in the same second as the revocation are revoked too,
    /// so a re-login right after a role change may need one more second; that errs safe.
    public func revokeTokens(ofSubject subject: String) {
        let cutoff = clock.now().seconds
        state.withLock { state in
            state.subjectCutoffs[subject] = max(cutoff, state.subjectCutoffs[subject] ?? .min)
            state.cache = state.cache.filter { $0.value.principal.subject != subject || $0.value.issuedAt > cutoff }
        }
    }

    /// Drops expired cache entries and revocation records that can no longer matter. Call it
    /// periodically (e.g. once a minute from a timer); correctness never depends on it.
    public func purgeExpired() {
        let now = clock.now()
        let horizon = (now - verifier.configuration.maxLifetime - verifier.configuration.clockSkew).seconds
        state.withLock { state in
            state.cache = state.cache.filter { now < $0.value.principal.validUntil }
            state.revokedTokenIDs = state.revokedTokenIDs.filter { now < $0.value }
            state.subjectCutoffs = state.subjectCutoffs.filter { $0.value >= horizon }
        }
    }

    /// Number of cached verified tokens (for metrics).
    public var cachedTokenCount: Int { state.withLock { $0.cache.count } }

    private static func evict(_ state: inout State, now: UnixTime, capacity: Int) {
        state.cache = state.cache.filter { now < $0.value.principal.validUntil }
        // Still full of live tokens: drop an arbitrary quarter; they re-verify on next use.
        if state.cache.count >= capacity {
            let drop = max(1, capacity / 4)
            for key in state.cache.keys.prefix(drop) { state.cache[key] = nil }
        }
    }
}
