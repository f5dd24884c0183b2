import Testing
@testable import Security

@Suite("Verified-token cache and revocation")
struct AccessTokenAuthenticatorTests {
    struct Setup {
        let jwt = Fixtures.JWTSetup()
        let authenticator: AccessTokenAuthenticator
        init(capacity: Int = 100) {
            authenticator = AccessTokenAuthenticator(verifier: jwt.verifier, clock: jwt.clock, cacheCapacity: capacity)
        }
    }

    @Test("the first use verifies and caches; later uses hit the cache")
    func cacheHit() throws {
        let s = Setup()
        let issued = try s.jwt.issuer.issue(subject: "alice", role: .trader)
        #expect(s.authenticator.cachedTokenCount == 0)
        let first = try s.authenticator.authenticate(token: issued.token)
        #expect(s.authenticator.cachedTokenCount == 1)
        let second = try s.authenticator.authenticate(token: issued.token)
        #expect(first == second)
        #expect(first.subject == "alice" && first.role == .trader)
        #expect(first.credential == .accessToken(tokenID: issued.claims.tokenID))
        #expect(first.validUntil == UnixTime(seconds: issued.claims.expiresAt) + .seconds(30))
    }

    @Test("a cached token stops working at expiry plus skew")
    func cacheExpiry() throws {
        let s = Setup()
        let token = try s.jwt.issuer.issue(subject: "alice", role: .trader).token
        _ = try s.authenticator.authenticate(token: token)
        s.jwt.clock.advance(by: .seconds(929))
        _ = try s.authenticator.authenticate(token: token)
        s.jwt.clock.advance(by: .seconds(1))
        #expect(throws: TokenVerificationError.expired) { _ = try s.authenticator.authenticate(token: token) }
        #expect(s.authenticator.cachedTokenCount == 0)
        #expect(throws: TokenVerificationError.expired) { _ = try s.authenticator.authenticate(token: token) }
    }

    @Test("revoking a jti refuses the token whether cached or not")
    func revokeByTokenID() throws {
        let s = Setup()
        let cached = try s.jwt.issuer.issue(subject: "alice", role: .trader)
        let uncached = try s.jwt.issuer.issue(subject: "alice", role: .trader)
        let other = try s.jwt.issuer.issue(subject: "alice", role: .trader)
        _ = try s.authenticator.authenticate(token: cached.token)
        _ = try s.authenticator.authenticate(token: other.token)
        s.authenticator.revoke(tokenID: cached.claims.tokenID, expiresAt: cached.claims.expiresAt)
        s.authenticator.revoke(tokenID: uncached.claims.tokenID, expiresAt: uncached.claims.expiresAt)
        #expect(throws: TokenVerificationError.revoked) { _ = try s.authenticator.authenticate(token: cached.token) }
        #expect(throws: TokenVerificationError.revoked) { _ = try s.authenticator.authenticate(token: uncached.token) }
        _ = try s.authenticator.authenticate(token: other.token)
    }

    @Test("revoking a subject (disabled user) refuses all its existing tokens at once, not others'")
    func revokeBySubject() throws {
        let s = Setup()
        let alice1 = try s.jwt.issuer.issue(subject: "alice", role: .trader).token
        let alice2 = try s.jwt.issuer.issue(subject: "alice", role: .admin).token
        let bob = try s.jwt.issuer.issue(subject: "bob", role: .trader).token
        _ = try s.authenticator.authenticate(token: alice1)
        _ = try s.authenticator.authenticate(token: bob)
        s.authenticator.revokeTokens(ofSubject: "alice")
        #expect(throws: TokenVerificationError.revoked) { _ = try s.authenticator.authenticate(token: alice1) }
        #expect(throws: TokenVerificationError.revoked) { _ = try s.authenticator.authenticate(token: alice2) }
        _ = try s.authenticator.authenticate(token: bob)
        // A token issued after the revocation (e.g. after re-enabling) works again.
        s.jwt.clock.advance(by: .seconds(1))
        let fresh = try s.jwt.issuer.issue(subject: "alice", role: .observer).token
        #expect(try s.authenticator.authenticate(token: fresh).role == .observer)
    }

    @Test("a forged token is never cached")
    func forgedNotCached() throws {
        let s = Setup()
        let forged = try Fixtures.signed(header: Fixtures.rs256Header(kid: Fixtures.keyA.kid),
                                         payload: Fixtures.json(Fixtures.claimMembers()), key: Fixtures.keyB)
        for _ in 0..<3 {
            #expect(throws: TokenVerificationError.badSignature) { _ = try s.authenticator.authenticate(token: forged) }
        }
        #expect(s.authenticator.cachedTokenCount == 0)
    }

    @Test("a token that shares a cached token's tail but differs elsewhere is verified, not served from the cache")
    func sameTailIsNotAHit() throws {
        let s = Setup()
        let issued = try s.jwt.issuer.issue(subject: "alice", role: .trader)
        _ = try s.authenticator.authenticate(token: issued.token)
        // Same length and same last 64 bytes (the signature's tail), one byte changed in the payload.
        var bytes = Array(issued.token.utf8)
        let dot = try #require(bytes.firstIndex(of: UInt8(ascii: ".")))
        bytes[dot + 5] = bytes[dot + 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = String(decoding: bytes, as: UTF8.self)
        #expect(TokenCacheKey(tampered[...]) == TokenCacheKey(issued.token[...]))
        #expect(throws: TokenVerificationError.self) { _ = try s.authenticator.authenticate(token: tampered) }
        #expect(try s.authenticator.authenticate(token: issued.token).subject == "alice")
    }

    @Test("constant-time comparison agrees with equality", arguments: [
        ("", ""), ("a", "a"), ("a", "b"), ("abcdefgh", "abcdefgh"), ("abcdefghi", "abcdefghj"),
        ("abcdefghijklmnopq", "abcdefghijklmnopq"), ("abc", "abcd"), ("xbcdefghijklmnop", "abcdefghijklmnop"),
    ])
    func constantTimeEqual(a: String, b: String) {
        #expect(TokenCacheKey.constantTimeEqual(a, b[...]) == (a == b))
    }

    @Test("the cache stays within its capacity")
    func capacity() throws {
        let s = Setup(capacity: 8)
        for _ in 0..<30 {
            _ = try s.authenticator.authenticate(token: try s.jwt.issuer.issue(subject: "u", role: .observer).token)
        }
        #expect(s.authenticator.cachedTokenCount <= 8)
    }

    @Test("purging drops expired entries and stale revocations")
    func purge() throws {
        let s = Setup()
        let issued = try s.jwt.issuer.issue(subject: "u", role: .observer)
        _ = try s.authenticator.authenticate(token: issued.token)
        s.authenticator.revoke(tokenID: "other", expiresAt: issued.claims.expiresAt)
        s.jwt.clock.advance(by: .seconds(3600))
        s.authenticator.purgeExpired()
        #expect(s.authenticator.cachedTokenCount == 0)
    }

    @Test("authorization values are parsed strictly", arguments: [
        ("Bearer abc.def.ghi", "abc.def.ghi"), ("bearer abc", "abc"), ("BEARER abc", "abc"),
        ("Bearer", nil), ("Bearer ", nil), ("Basic dXNlcjpwdw==", nil), ("Bearer  abc", nil),
        ("Bearer abc def", nil), ("abc.def.ghi", nil), ("Bearerabc", nil),
    ] as [(String, String?)])
    func bearerParsing(value: String, expected: String?) {
        #expect(BearerToken.extract(fromAuthorization: value).map(String.init) == expected)
    }

    @Test("a missing or non-bearer authorization is unauthenticated")
    func missingAuthorization() {
        let s = Setup()
        #expect(throws: TokenVerificationError.malformedStructure) { _ = try s.authenticator.authenticate(authorization: nil) }
        #expect(throws: TokenVerificationError.malformedStructure) { _ = try s.authenticator.authenticate(authorization: "Basic x") }
    }
}
