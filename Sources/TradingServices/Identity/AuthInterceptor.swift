import RPCCore
import Security
import Synchronization

/// Authentication, authorization and per-principal rate limiting for every RPC, before any handler
/// runs (and before the request body is decoded).
///
/// Order of checks, each with its own gRPC status:
/// 1. The method's entry in `AccessPolicy` (default deny). `unauthenticated` entries (health, Login,
///    Refresh) pass with no token.
/// 2. The bearer credential: an RS256 access token (cached verification) or a `tba_` API token.
///    Missing, malformed, forged, expired or revoked -> UNAUTHENTICATED.
/// 3. The account behind a user token must still exist, be enabled and hold the token's role, so a
///    disabled or demoted user's tokens stop at once, also after a restart.
/// 4. The role's permissions -> PERMISSION_DENIED, journaled (at most a burst per actor, then one
///    event per interval carrying the number suppressed, so a flood cannot fill the disk).
/// 5. The token bucket of (subject, permission class) -> RESOURCE_EXHAUSTED with a retry-after hint.
///
/// On success the principal is attached to the context; handlers read it with `context.caller`.
/// Runs on the event-loop thread: every step is a lock and a lookup on the hot path (RS256 only on a
/// cache miss), and journaling a denial only queues the event.
public struct AuthInterceptor: ServerInterceptor {

    let policy: AccessPolicy
    let authenticator: AccessTokenAuthenticator
    let apiTokens: ApiTokenService
    let identity: IdentityStore
    let limiter: RateLimiter<RPCRateLimitKey>
    let denials: DenialAudit

    public func intercept(_ context: ServerContext) throws(RPCError) {
        let path = context.method.fullPath
        let requirement = policy.requirement(for: path)
        if requirement == .unauthenticated { return }

        let principal = try authenticate(Self.authorization(in: context.metadata))
        switch policy.decide(requirement: requirement, principal: principal) {
        case .allowed:
            break
        case .unauthenticated:
            throw RPCError(code: .unauthenticated, message: "\(path) needs a bearer token")
        case .permissionDenied:
            denials.record(principal: principal, path: path, peer: context.peer, identity: identity)
            throw RPCError(code: .permissionDenied,
                           message: "role \(principal.role.rawValue) may not call \(path)")
        }
        let permissionClass: Permission
        if case .permission(let p)? = requirement { permissionClass = p } else { permissionClass = .read }
        let decision = limiter.acquire(RPCRateLimitKey(subject: principal.subject, permissionClass: permissionClass))
        if let retryMs = decision.retryAfterMilliseconds {
            throw RPCError(code: .resourceExhausted,
                           message: "rate limit for \(permissionClass.rawValue) calls exceeded; retry after \(retryMs) ms",
                           metadata: Metadata([("grpc-retry-pushback-ms", String(retryMs))]))
        }
        context.principal = principal
    }

    static let apiTokenPrefix = Array("tba_".utf8)

    /// The first `authorization` value. Metadata names are stored lower-cased, so this compares
    /// directly instead of lower-casing the key on every call as the subscript does.
    static func authorization(in metadata: Metadata) -> String? {
        for entry in metadata where entry.name == "authorization" { return entry.value }
        return nil
    }

    /// The principal of an `authorization` value, or UNAUTHENTICATED naming what is wrong (never
    /// echoing the token).
    func authenticate(_ authorization: String?) throws(RPCError) -> Principal {
        guard let authorization else {
            throw RPCError(code: .unauthenticated, message: "missing authorization metadata (Bearer token)")
        }
        guard let token = BearerToken.extract(fromAuthorization: authorization) else {
            throw RPCError(code: .unauthenticated, message: "authorization metadata is not a Bearer token")
        }
        let principal: Principal
        do throws(TokenVerificationError) {
            // A JWT starts with "eyJ", never "tba_": only then is the token copied for the
            // API-token check, so the hot path (a cached JWT) does not copy ~800 bytes per call.
            if token.utf8.starts(with: Self.apiTokenPrefix), OpaqueToken.kind(of: String(token)) == .api {
                principal = try apiTokens.authenticate(token: String(token))
            } else {
                principal = try authenticator.authenticate(token: token)
            }
        } catch {
            throw RPCError(code: .unauthenticated, message: "invalid bearer token: \(Self.reason(error))")
        }
        if case .accessToken = principal.credential {
            guard let user = identity.user(principal.subject), user.enabled, user.role == principal.role else {
                throw RPCError(code: .unauthenticated, message: "invalid bearer token: revoked")
            }
        }
        return principal
    }

    /// A short, stable reason for the status message (no token content).
    static func reason(_ error: TokenVerificationError) -> String {
        switch error {
        case .oversized: "oversized"
        case .malformedStructure, .malformedBase64, .malformedJSON: "malformed"
        case .unsupportedAlgorithm: "unsupported algorithm"
        case .unsupportedHeader: "unsupported header"
        case .unknownKey: "unknown key or token"
        case .badSignature: "bad signature"
        case .missingClaim(let claim): "missing claim \(claim)"
        case .invalidClaim(let claim): "invalid claim \(claim)"
        case .wrongIssuer: "wrong issuer"
        case .wrongAudience: "wrong audience"
        case .expired: "expired"
        case .notYetValid: "not yet valid"
        case .issuedInFuture: "issued in the future"
        case .lifetimeTooLong: "lifetime too long"
        case .revoked: "revoked"
        }
    }
}

/// Journals permission denials with flood control: a token bucket per actor decides which denials
/// become events; the others are counted and reported in the next event's `suppressed`.
final class DenialAudit: Sendable {
    private let limiter: RateLimiter<String>
    private let suppressed = Mutex<[String: Int]>([:])
    private let maxTracked = 10_000

    init(clock: any SecurityClock, rule: RateLimitRule = RateLimitRule(capacity: 10, refillPerSecond: 0.2)) {
        limiter = RateLimiter(clock: clock) { _ in rule }
    }

    func record(principal: Principal, path: String, peer: String, identity: IdentityStore) {
        let actor = principal.subject
        guard limiter.acquire(actor).isAllowed else {
            suppressed.withLock { counts in
                if counts.count >= maxTracked { counts.removeAll() }
                counts[actor, default: 0] += 1
            }
            return
        }
        let skipped = suppressed.withLock { $0.removeValue(forKey: actor) ?? 0 }
        // Best effort: a journal that refuses events fails the whole server elsewhere; the caller
        // still gets PERMISSION_DENIED.
        try? identity.record(.permissionDenied(.init(actor: actor, role: principal.role.rawValue, method: path,
                                                     source: PeerAddress.host(of: peer), suppressed: skipped)))
    }
}
