/// Issues RS256 access tokens (`Auth.Login`, `Auth.Refresh`).
///
/// Header `{"alg":"RS256","typ":"JWT","kid":<signing kid>}`; claims `iss aud sub role iat nbf
/// exp jti`. `nbf = iat = now` (whole seconds) and the verifier's skew absorbs small clock
/// differences between servers.
public struct AccessTokenIssuer: Sendable {
    /// Issuer-side settings; `issuer` and `audience` must equal the verifier's.
    public struct Configuration: Sendable {
        public var issuer: String
        public var audience: String
        /// Access-token lifetime (issue 6 default: 15 minutes).
        public var lifetime: Duration

        public init(issuer: String, audience: String, lifetime: Duration = .seconds(15 * 60)) {
            self.issuer = issuer
            self.audience = audience
            self.lifetime = lifetime
        }
    }

    /// A freshly issued token and the claims inside it (for the response and the audit event).
    public struct IssuedToken: Sendable {
        public let token: String
        public let claims: AccessTokenClaims
    }

    public let configuration: Configuration
    private let keyRing: JWTKeyRing
    private let clock: any SecurityClock

    public init(configuration: Configuration, keyRing: JWTKeyRing, clock: any SecurityClock) {
        self.configuration = configuration
        self.keyRing = keyRing
        self.clock = clock
    }

    /// Signs a token for `subject` with `role`, valid from now for `configuration.lifetime`.
    ///
    /// - Parameter earliestIssuedAt: a lower bound for `iat`/`nbf` (seconds). After
    ///   `AccessTokenAuthenticator.revokeTokens(ofSubject:)`, which revokes every token with
    ///   `iat` up to the revocation second, the service layer passes that second + 1 so a token
    ///   issued right after the revocation is not caught by it. The verifier's clock skew covers
    ///   the at most one second of future `nbf`.
    public func issue(subject: String, role: Role, earliestIssuedAt: Int64? = nil) throws(RSAKey.KeyError) -> IssuedToken {
        let now = max(clock.now().seconds, earliestIssuedAt ?? .min)
        let tokenID: [UInt8]
        do { tokenID = try SecureRandom.bytes(16) } catch { throw .openSSL(error) }
        let claims = AccessTokenClaims(
            issuer: configuration.issuer, audience: configuration.audience, subject: subject, role: role,
            issuedAt: now, notBefore: now,
            expiresAt: now + max(1, configuration.lifetime.components.seconds),
            tokenID: Base64URL.encode(tokenID))
        let token = try AccessTokenIssuer.sign(claimsJSON: claims.json, key: keyRing.signingKey)
        return IssuedToken(token: token, claims: claims)
    }

    /// Builds and signs a compact JWS. Internal so tests can sign hand-made claim sets.
    static func sign(claimsJSON: String, key: RSAKey, header: String? = nil) throws(RSAKey.KeyError) -> String {
        let headerJSON = header ?? "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\(StrictJSON.quote(key.kid))}"
        let signingInput = Base64URL.encode(Array(headerJSON.utf8)) + "." + Base64URL.encode(Array(claimsJSON.utf8))
        let signature = try key.signRS256(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }
}
