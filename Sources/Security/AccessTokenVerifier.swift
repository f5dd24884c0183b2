/// Verifies RS256 access tokens. Stateless apart from the key ring; revocation and caching
/// live in `AccessTokenAuthenticator`, which wraps this type.
///
/// Order of checks, cheapest and least trusting first: size cap before any parsing; exactly
/// three non-empty segments; strict base64url; strict JSON header with `alg == "RS256"` and a
/// known `kid`; the signature (OpenSSL must return exactly 1); only then is the payload parsed,
/// so attacker-controlled claim JSON is never interpreted before the signature is checked.
public struct AccessTokenVerifier: Sendable {
    /// Verifier settings.
    public struct Configuration: Sendable {
        public var issuer: String
        public var audience: String
        /// Tolerated clock difference for `exp`, `nbf` and `iat` (issue 6 default: 30 s).
        public var clockSkew: Duration
        /// Tokens longer than this are refused before parsing (ours are ~700 bytes).
        public var maxTokenBytes: Int
        /// Upper bound on `exp - iat`; tokens claiming longer lives were not issued by us.
        public var maxLifetime: Duration

        public init(issuer: String, audience: String, clockSkew: Duration = .seconds(30),
                    maxTokenBytes: Int = 4096, maxLifetime: Duration = .seconds(24 * 3600)) {
            self.issuer = issuer
            self.audience = audience
            self.clockSkew = clockSkew
            self.maxTokenBytes = maxTokenBytes
            self.maxLifetime = maxLifetime
        }
    }

    public let configuration: Configuration
    private let keyRing: JWTKeyRing
    private let clock: any SecurityClock

    public init(configuration: Configuration, keyRing: JWTKeyRing, clock: any SecurityClock) {
        self.configuration = configuration
        self.keyRing = keyRing
        self.clock = clock
    }

    /// Verifies `token` at the clock's current time.
    public func verify(_ token: String) throws(TokenVerificationError) -> AccessTokenClaims {
        try verify(token, at: clock.now())
    }

    /// Verifies `token` at `now` (the authenticator passes one `now` to every check of a call).
    public func verify(_ token: String, at now: UnixTime) throws(TokenVerificationError) -> AccessTokenClaims {
        let utf8 = token.utf8
        guard utf8.count <= configuration.maxTokenBytes else { throw .oversized }
        let parts = utf8.split(separator: UInt8(ascii: "."), maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw .malformedStructure }

        let headerBytes: [UInt8], signature: [UInt8]
        do {
            headerBytes = try Base64URL.decode(parts[0], table: Base64URL.urlTable)
            signature = try Base64URL.decode(parts[2], table: Base64URL.urlTable)
        } catch { throw .malformedBase64 }

        guard case .object(let header)? = try? StrictJSON.parse(headerBytes) else { throw .malformedJSON }
        guard case .string("RS256")? = header["alg"] else { throw .unsupportedAlgorithm }
        if header["crit"] != nil { throw .unsupportedHeader }
        if let typ = header["typ"] {
            guard case .string(let value) = typ, value.uppercased() == "JWT" else { throw .unsupportedHeader }
        }
        guard case .string(let kid)? = header["kid"], let key = keyRing.verificationKey(kid: kid, at: now) else {
            throw .unknownKey
        }

        // Signing input: the exact ASCII of the first two segments and the dot between them.
        let signingInput = Array(utf8[parts[0].startIndex..<parts[1].endIndex])
        guard key.verifyRS256(signature: signature, message: signingInput) else { throw .badSignature }

        let payloadBytes: [UInt8]
        do { payloadBytes = try Base64URL.decode(parts[1], table: Base64URL.urlTable) } catch { throw .malformedBase64 }
        guard case .object(let payload)? = try? StrictJSON.parse(payloadBytes) else { throw .malformedJSON }
        let claims = try Self.claims(from: payload)
        try check(claims, at: now)
        return claims
    }

    /// Time, issuer and audience checks on already-authenticated claims.
    func check(_ claims: AccessTokenClaims, at now: UnixTime) throws(TokenVerificationError) {
        guard claims.issuer == configuration.issuer else { throw .wrongIssuer }
        guard claims.audience == configuration.audience else { throw .wrongAudience }
        let skew = configuration.clockSkew
        guard now < UnixTime(seconds: claims.expiresAt) + skew else { throw .expired }
        guard now + skew >= UnixTime(seconds: claims.notBefore) else { throw .notYetValid }
        guard now + skew >= UnixTime(seconds: claims.issuedAt) else { throw .issuedInFuture }
        guard claims.expiresAt > claims.issuedAt,
              claims.expiresAt - claims.issuedAt <= configuration.maxLifetime.components.seconds else {
            throw .lifetimeTooLong
        }
    }

    /// Extracts the required claims with exact JSON types. Unknown extra claims are ignored
    /// (RFC 7519 §4), but every claim we rely on must be present exactly once with its type.
    static func claims(from payload: [String: StrictJSON.Value]) throws(TokenVerificationError) -> AccessTokenClaims {
        func string(_ name: String) throws(TokenVerificationError) -> String {
            guard let value = payload[name] else { throw .missingClaim(name) }
            guard case .string(let text) = value, !text.isEmpty, text.utf8.count <= 256 else { throw .invalidClaim(name) }
            return text
        }
        func date(_ name: String) throws(TokenVerificationError) -> Int64 {
            guard let value = payload[name] else { throw .missingClaim(name) }
            // NumericDate as an integer only; 0 ... 2^53 keeps it exact in every JSON implementation.
            guard case .integer(let seconds) = value, seconds >= 0, seconds <= 1 << 53 else { throw .invalidClaim(name) }
            return seconds
        }
        let audience: String
        switch payload["aud"] {
        case nil: throw .missingClaim("aud")
        case .string(let text)?: audience = text
        // RFC 7519 allows an array; we accept a single-element one (more audiences = not ours alone).
        case .array(let items)? where items.count == 1:
            guard case .string(let text) = items[0] else { throw .invalidClaim("aud") }
            audience = text
        default: throw .invalidClaim("aud")
        }
        guard let role = Role(rawValue: try string("role")) else { throw .invalidClaim("role") }
        return AccessTokenClaims(
            issuer: try string("iss"), audience: audience, subject: try string("sub"), role: role,
            issuedAt: try date("iat"), notBefore: try date("nbf"), expiresAt: try date("exp"),
            tokenID: try string("jti"))
    }
}
