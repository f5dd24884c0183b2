import RPCCore
import Security
import Synchronization
import Testing
@testable import TradingServices

/// The journaled identity store: Security's token services run over it, every change becomes an
/// event, and replaying those events rebuilds exactly the same state.
@Suite("Identity store")
struct IdentityStoreTests {
    /// A journal in memory (what `EventStore.append` would persist), with a switch to make it fail.
    final class RecordingJournal: Sendable {
        let events = Mutex<[(IdentityEvent, Int64)]>([])
        let failing = Atomic<Bool>(false)

        struct Refused: Error {}

        var journal: IdentityStore.Journal {
            { event, time in
                if self.failing.load(ordering: .relaxed) { throw Refused() }
                self.events.withLock { $0.append((event, time)) }
            }
        }

        func replay(into store: IdentityStore) throws {
            for (event, time) in events.withLock({ $0 }) { try store.recover(event, at: time) }
        }
    }

    static func makeStore(_ journal: RecordingJournal) -> IdentityStore {
        let tick = Atomic<Int64>(1_000)
        return IdentityStore(journal: journal.journal, now: { tick.add(1, ordering: .relaxed).newValue })
    }

    @Test("Replaying the journal rebuilds refresh families and API tokens exactly")
    func replayRebuildsState() throws {
        let journal = RecordingJournal()
        let store = Self.makeStore(journal)
        let clock = ManualClock()
        let refresh = RefreshTokenService(store: store, clock: clock)
        let apiTokens = ApiTokenService(store: store, clock: clock)

        let a = try refresh.issue(subject: "ada")
        clock.advance(by: .seconds(60))
        let a2 = try refresh.rotate(a.token)
        _ = try refresh.rotate(a2.token)
        let b = try refresh.issue(subject: "bob")
        #expect(throws: RefreshTokenService.RefreshError.reuseDetected(familyID: b.familyID, subject: "bob")) {
            let next = try refresh.rotate(b.token)
            _ = next
            _ = try refresh.rotate(b.token)
        }
        try refresh.revokeAll(subject: "ada")
        let created = try apiTokens.create(name: "feed", role: .trader, lifetime: .seconds(3600))
        _ = try apiTokens.create(name: "other", role: .observer, lifetime: nil)
        #expect(try apiTokens.revoke(id: created.record.id))

        let rebuilt = Self.makeStore(RecordingJournal())
        try journal.replay(into: rebuilt)
        let original = store.read { $0 }
        let copy = rebuilt.read { $0 }
        #expect(copy.families == original.families)
        #expect(copy.familyIDByHash == original.familyIDByHash)
        #expect(copy.apiTokens == original.apiTokens)
        #expect(copy.apiTokenCreators == original.apiTokenCreators)
        // The rebuilt store refuses what the original refuses.
        let service = RefreshTokenService(store: rebuilt, clock: clock)
        #expect(throws: RefreshTokenService.RefreshError.self) { _ = try service.rotate(a2.token) }
        #expect(throws: TokenVerificationError.revoked) {
            _ = try ApiTokenService(store: rebuilt, clock: clock).authenticate(token: created.token)
        }
    }

    @Test("Concurrent refreshes with the same token: exactly one succeeds")
    func concurrentRotation() async throws {
        let store = Self.makeStore(RecordingJournal())
        let refresh = RefreshTokenService(store: store, clock: ManualClock())
        let issued = try refresh.issue(subject: "ada")
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 { group.addTask { (try? refresh.rotate(issued.token)) != nil } }
            var count = 0
            for await ok in group where ok { count += 1 }
            return count
        }
        #expect(successes == 1)
    }

    @Test("A change the journal refuses is not applied")
    func refusedAppendChangesNothing() throws {
        let journal = RecordingJournal()
        let store = Self.makeStore(journal)
        journal.failing.store(true, ordering: .relaxed)
        #expect(throws: RPCError.self) {
            try store.mutate { (_) throws(RPCError) in
                ([.userCreated(.init(username: "ada", role: "admin", passwordHash: "h", actor: "t", source: "l"))], ())
            }
        }
        #expect(store.user("ada") == nil)
        #expect(throws: RefreshTokenService.RefreshError.self) {
            _ = try RefreshTokenService(store: store, clock: ManualClock()).issue(subject: "ada")
        }
        #expect(store.read { $0.families.isEmpty })
    }

    @Test("A corrupt identity event stops replay instead of being skipped")
    func corruptEvent() {
        let store = Self.makeStore(RecordingJournal())
        #expect(throws: IdentityState.CorruptEvent.self) {
            try store.recover(.userCreated(.init(username: "x", role: "superuser", passwordHash: "h", actor: "t", source: "l")), at: 1)
        }
    }

    @Test("Peer addresses lose their port", arguments: [
        ("127.0.0.1:5000", "127.0.0.1"), ("[::1]:443", "::1"), ("in-process", "in-process"), ("::1", "::1"),
    ])
    func peerAddress(peer: String, host: String) {
        #expect(PeerAddress.host(of: peer) == host)
    }
}

@Suite("Identity options")
struct IdentityOptionsTests {
    @Test("TRADEBOT_LOGIN_RATE_LIMIT parses <burst>/<per second> and refuses anything else",
          arguments: [("10/0.5", 10, 0.5), ("1000/100", 1000, 100.0)])
    func parses(text: String, burst: Int, rate: Double) throws {
        let rule = try IdentityComponent.Options.parseRule(text, setting: "X")
        #expect(rule == RateLimitRule(capacity: burst, refillPerSecond: rate))
    }

    @Test("Malformed login rate limits are configuration errors", arguments: ["", "10", "0/1", "10/0", "a/b", "10/1/2", "-1/2"])
    func refuses(text: String) {
        #expect(throws: ConfigurationError.self) { _ = try IdentityComponent.Options.parseRule(text, setting: "X") }
    }
}
