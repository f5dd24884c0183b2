import Testing
@testable import Security

private func digest(_ n: UInt8) -> SHA256Digest {
    // 32 bytes always form a digest; the fallback only satisfies the optional.
    SHA256Digest(bytes: [UInt8](repeating: n, count: 32)) ?? SHA256Digest(a: 0, b: 0, c: 0, d: UInt64(n))
}

@Suite("Refresh-token families (pure state machine)")
struct RefreshTokenFamilyTests {
    func family() -> RefreshTokenFamily {
        RefreshTokenFamily(id: "f", subject: "alice", firstTokenHash: digest(1), now: Fixtures.start,
                           tokenLifetime: .seconds(100), familyLifetime: .seconds(1000))
    }

    @Test("presenting the current token rotates it")
    func rotates() {
        var f = family()
        #expect(f.rotate(presented: digest(1), replacement: digest(2), now: Fixtures.start + .seconds(10), tokenLifetime: .seconds(100)) == .rotated)
        #expect(f.currentHash == digest(2) && f.generation == 1 && f.consumedHashes == [digest(1)])
        #expect(f.currentExpiresAt == Fixtures.start + .seconds(110))
    }

    @Test("presenting a consumed token revokes the family; later even the newest token fails")
    func reuse() {
        var f = family()
        _ = f.rotate(presented: digest(1), replacement: digest(2), now: Fixtures.start, tokenLifetime: .seconds(100))
        #expect(f.rotate(presented: digest(1), replacement: digest(3), now: Fixtures.start, tokenLifetime: .seconds(100)) == .reuseDetected)
        #expect(f.isRevoked && f.currentHash == nil && f.revocationReason == .reuseDetected)
        #expect(f.rotate(presented: digest(2), replacement: digest(4), now: Fixtures.start, tokenLifetime: .seconds(100)) == .revoked(.reuseDetected))
    }

    @Test("a token past its lifetime, or a family past its absolute expiry, is expired", arguments: [
        (100, 100, RefreshTokenFamily.RotationOutcome.expired), (99, 100, .rotated),
    ])
    func expiry(elapsed: Int64, lifetime: Int64, expected: RefreshTokenFamily.RotationOutcome) {
        var f = RefreshTokenFamily(id: "f", subject: "a", firstTokenHash: digest(1), now: Fixtures.start,
                                   tokenLifetime: .seconds(lifetime), familyLifetime: .seconds(1000))
        #expect(f.rotate(presented: digest(1), replacement: digest(2), now: Fixtures.start + .seconds(elapsed), tokenLifetime: .seconds(lifetime)) == expected)
    }

    @Test("rotation never extends past the family's absolute expiry")
    func absoluteExpiry() {
        var f = family()
        var hash: UInt8 = 1
        var now = Fixtures.start
        while f.rotate(presented: digest(hash), replacement: digest(hash + 1), now: now, tokenLifetime: .seconds(100)) == .rotated {
            hash += 1
            now = now + .seconds(90)
            #expect(f.currentExpiresAt <= f.absoluteExpiry)
        }
        #expect(now >= Fixtures.start + .seconds(1000))
        #expect(f.revocationReason == .expired)
    }

    @Test("revocation keeps the first reason")
    func revokeFirstReason() {
        var f = family()
        f.revoke(reason: .logout, now: Fixtures.start)
        f.revoke(reason: .subjectRevoked, now: Fixtures.start + .seconds(1))
        #expect(f.revocationReason == .logout && f.revokedAt == Fixtures.start)
    }
}

@Suite("Refresh-token service over the in-memory store")
struct RefreshTokenServiceTests {
    let clock = ManualClock(Fixtures.start)
    let store = InMemoryRefreshTokenStore()
    var service: RefreshTokenService { RefreshTokenService(store: store, clock: clock) }

    @Test("login issues a tbr_ token; refresh rotates it and keeps the family and subject")
    func issueAndRotate() throws {
        let first = try service.issue(subject: "alice")
        #expect(OpaqueToken.kind(of: first.token) == .refresh)
        #expect(first.expiresAt == Fixtures.start + .seconds(7 * 86_400))
        clock.advance(by: .seconds(60))
        let second = try service.rotate(first.token)
        #expect(second.token != first.token && second.familyID == first.familyID && second.subject == "alice")
        let third = try service.rotate(second.token)
        #expect(third.familyID == first.familyID)
    }

    @Test("replaying a used refresh token revokes the whole family (theft detection)")
    func reuseRevokesFamily() throws {
        let first = try service.issue(subject: "alice")
        let second = try service.rotate(first.token)  // the legitimate client
        #expect(throws: RefreshTokenService.RefreshError.reuseDetected(familyID: first.familyID, subject: "alice")) {
            _ = try service.rotate(first.token)  // the thief replays
        }
        #expect(throws: RefreshTokenService.RefreshError.revoked(.reuseDetected)) { _ = try service.rotate(second.token) }
        // Other sessions are unaffected.
        let other = try service.issue(subject: "alice")
        _ = try service.rotate(other.token)
    }

    @Test("unknown and malformed refresh tokens are invalid", arguments: [
        "", "tbr_short", "tba_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "tbr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "tbr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
    ])
    func invalid(token: String) {
        #expect(throws: RefreshTokenService.RefreshError.invalidToken) { _ = try service.rotate(token) }
    }

    @Test("an expired refresh token is refused")
    func expired() throws {
        let first = try service.issue(subject: "alice")
        clock.advance(by: .seconds(7 * 86_400))
        #expect(throws: RefreshTokenService.RefreshError.expired) { _ = try service.rotate(first.token) }
    }

    @Test("logout revokes the family; revokeAll ends every session of a subject")
    func logoutAndRevokeAll() throws {
        let a1 = try service.issue(subject: "alice")
        let a2 = try service.issue(subject: "alice")
        let b = try service.issue(subject: "bob")
        #expect(try service.revokeFamily(of: a1.token) == "alice")
        #expect(throws: RefreshTokenService.RefreshError.revoked(.logout)) { _ = try service.rotate(a1.token) }
        try service.revokeAll(subject: "alice")
        #expect(throws: RefreshTokenService.RefreshError.revoked(.subjectRevoked)) { _ = try service.rotate(a2.token) }
        _ = try service.rotate(b.token)
        #expect(try service.revokeFamily(of: "tbr_unknown") == nil)
    }

    @Test("concurrent refreshes with the same token: exactly one wins")
    func concurrentRotation() async throws {
        let service = self.service
        let first = try service.issue(subject: "alice")
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 { group.addTask { (try? service.rotate(first.token)) != nil } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
    }

    @Test("expired families are deleted by housekeeping")
    func housekeeping() throws {
        _ = try service.issue(subject: "alice")
        #expect(store.familyCount == 1)
        try store.deleteExpired(now: Fixtures.start + .seconds(30 * 86_400))
        #expect(store.familyCount == 0)
    }
}

@Suite("API tokens")
struct ApiTokenTests {
    let clock = ManualClock(Fixtures.start)
    let store = InMemoryApiTokenStore()
    var service: ApiTokenService { ApiTokenService(store: store, clock: clock) }

    @Test("a created token authenticates as its role; only the hash is stored")
    func createAndAuthenticate() throws {
        let (token, record) = try service.create(name: "backtest-runner", role: .trader, lifetime: .seconds(3600))
        #expect(OpaqueToken.kind(of: token) == .api)
        let principal = try service.authenticate(token: token)
        #expect(principal.role == .trader && principal.subject == "api-token:\(record.id)")
        #expect(principal.credential == .apiToken(id: record.id))
        let stored = try store.all()
        let expectedHash = try SHA256.hash(token)
        #expect(stored.count == 1 && stored[0].hash == expectedHash)
    }

    @Test("revoked, expired, unknown and malformed API tokens are refused")
    func refusals() throws {
        let (revoked, record) = try service.create(name: "a", role: .observer, lifetime: nil)
        let (expiring, _) = try service.create(name: "b", role: .observer, lifetime: .seconds(60))
        #expect(try service.revoke(id: record.id))
        #expect(try !service.revoke(id: "nope"))
        #expect(throws: TokenVerificationError.revoked) { _ = try service.authenticate(token: revoked) }
        _ = try service.authenticate(token: expiring)
        clock.advance(by: .seconds(60))
        #expect(throws: TokenVerificationError.expired) { _ = try service.authenticate(token: expiring) }
        let (unknown, _) = try OpaqueToken.generate(.api)
        #expect(throws: TokenVerificationError.unknownKey) { _ = try service.authenticate(token: unknown) }
        #expect(throws: TokenVerificationError.malformedStructure) { _ = try service.authenticate(token: "tba_x") }
    }

    @Test("names must be short printable labels", arguments: ["", String(repeating: "n", count: 129), "a\nb"])
    func badNames(name: String) {
        #expect(throws: ApiTokenService.CreateError.invalidName) { _ = try service.create(name: name, role: .observer, lifetime: nil) }
    }

    @Test("opaque tokens are classified by prefix and shape")
    func classification() throws {
        #expect(OpaqueToken.kind(of: try OpaqueToken.generate(.refresh).token) == .refresh)
        #expect(OpaqueToken.kind(of: try OpaqueToken.generate(.api).token) == .api)
        #expect(OpaqueToken.kind(of: "eyJhbGciOiJSUzI1NiJ9.e30.sig") == nil)
    }
}
