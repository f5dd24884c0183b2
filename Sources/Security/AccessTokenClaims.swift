/// The claims of an access token, exactly the set this server issues and requires.
///
/// All of them are required on verification: a token missing any claim is refused, so
/// no code path ever has to guess a default for `exp` or `aud`.
public struct AccessTokenClaims: Sendable, Equatable, Hashable {
    /// `iss`: who issued the token (this server's configured issuer).
    public var issuer: String
    /// `aud`: who the token is for (this server's configured audience).
    public var audience: String
    /// `sub`: the user or service-account id.
    public var subject: String
    /// `role`: the role at issue time (role changes revoke the subject's tokens).
    public var role: Role
    /// `iat`, `nbf`, `exp`: NumericDates, whole seconds since the epoch.
    public var issuedAt: Int64
    public var notBefore: Int64
    public var expiresAt: Int64
    /// `jti`: a random unique id, used for revocation.
    public var tokenID: String

    public init(issuer: String, audience: String, subject: String, role: Role,
                issuedAt: Int64, notBefore: Int64, expiresAt: Int64, tokenID: String) {
        self.issuer = issuer
        self.audience = audience
        self.subject = subject
        self.role = role
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiresAt = expiresAt
        self.tokenID = tokenID
    }

    /// The JSON payload, members in a fixed order (deterministic output for tests and golden files).
    var json: String {
        "{\"iss\":\(StrictJSON.quote(issuer)),\"aud\":\(StrictJSON.quote(audience)),"
            + "\"sub\":\(StrictJSON.quote(subject)),\"role\":\(StrictJSON.quote(role.rawValue)),"
            + "\"iat\":\(issuedAt),\"nbf\":\(notBefore),\"exp\":\(expiresAt),\"jti\":\(StrictJSON.quote(tokenID))}"
    }
}
