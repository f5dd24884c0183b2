import RPCCore
import Security
import Synchronization

/// The live identity state behind one `Mutex`, journaled: every change is appended to the journal
/// *under the same lock* that applies it, so the journal order is the order the state saw, and a
/// failed append changes nothing. Implements Security's `RefreshTokenStore` and `ApiTokenStore`
/// over that state, so the token services need no store of their own.
///
/// Durability: `append` only queues the event (group commit). A handler that changed state waits
/// for `EventStore.committed(through:)` before answering, so an acknowledged change survives a crash.
///
/// Thread-safety: `Sendable`; all state is in the `Mutex`. Reads on the per-RPC path (API token by
/// hash, user by name) are one lock and one dictionary lookup.
final class IdentityStore: RefreshTokenStore, ApiTokenStore {
    /// Appends one event with its journal time; throws when the store cannot take it.
    typealias Journal = @Sendable (IdentityEvent, Int64) throws -> Void

    private let state = Mutex(IdentityState())
    private let journal: Journal
    private let now: @Sendable () -> Int64

    init(journal: @escaping Journal, now: @escaping @Sendable () -> Int64) {
        self.journal = journal
        self.now = now
    }

    /// Startup replay: applies a journaled event without journaling it again.
    func recover(_ event: IdentityEvent, at time: Int64) throws {
        try state.withLock { (s) throws(IdentityState.CorruptEvent) in try s.apply(event, at: time) }
    }

    /// Atomically decides on the current state and journals + applies the events `body` returns.
    /// Nothing is applied unless every event was accepted by the journal.
    func mutate<R>(_ body: (IdentityState) throws(RPCError) -> ([IdentityEvent], R)) throws(RPCError) -> R {
        try state.withLock { (s) throws(RPCError) -> R in
            let (events, result) = try body(s)
            let time = now()
            var next = s
            for event in events {
                do {
                    try next.apply(event, at: time)
                    try journal(event, time)
                } catch {
                    throw RPCError(code: .unavailable, message: "the journal did not accept the \(event.typeName) event")
                }
            }
            s = next
            return result
        }
    }

    /// Journals audit-only events (login attempts, denials).
    func record(_ event: IdentityEvent) throws(RPCError) {
        try mutate { _ in ([event], ()) }
    }

    func read<R>(_ body: (IdentityState) -> R) -> R { state.withLock { body($0) } }

    func user(_ username: String) -> UserRecord? { state.withLock { $0.users[username] } }

    // MARK: RefreshTokenStore

    func insert(_ family: RefreshTokenFamily) throws(TokenStoreError) {
        guard let hash = family.currentHash else { throw TokenStoreError("a new family needs a current token") }
        let context = AuditContext.current
        try storeMutate { (s) throws(TokenStoreError) -> [IdentityEvent] in
            guard s.families[family.id] == nil, s.familyIDByHash[hash] == nil else {
                throw TokenStoreError("duplicate refresh token family")
            }
            return [.refreshTokenIssued(.init(
                familyID: family.id, subject: family.subject, tokenHash: hash.hex,
                createdAt: family.createdAt.nanoseconds, expiresAt: family.currentExpiresAt.nanoseconds,
                familyExpiresAt: family.absoluteExpiry.nanoseconds, source: context.source))]
        }
    }

    func update<Result>(familyContaining tokenHash: SHA256Digest,
                        _ body: (inout RefreshTokenFamily) -> Result) throws(TokenStoreError) -> Result? {
        let context = AuditContext.current
        var result: Result?
        try storeMutate { (s) throws(TokenStoreError) -> [IdentityEvent] in
            guard let id = s.familyIDByHash[tokenHash], var family = s.families[id] else { return [] }
            let before = family
            result = body(&family)
            guard family.id == id else { throw TokenStoreError("family id changed in update") }
            return Self.events(from: before, to: family, context: context)
        }
        return result
    }

    func updateFamilies(ofSubject subject: String, _ body: (inout RefreshTokenFamily) -> Void) throws(TokenStoreError) {
        let context = AuditContext.current
        try storeMutate { (s) throws(TokenStoreError) -> [IdentityEvent] in
            var events: [IdentityEvent] = []
            for family in s.families.values where family.subject == subject {
                var changed = family
                body(&changed)
                events += Self.events(from: family, to: changed, context: context)
            }
            return events
        }
    }

    func deleteExpired(now: UnixTime) throws(TokenStoreError) {
        try storeMutate { (s) throws(TokenStoreError) -> [IdentityEvent] in
            s.families.values.contains { $0.absoluteExpiry <= now }
                ? [.refreshFamiliesPurged(.init(expiredBy: now.nanoseconds))] : []
        }
    }

    /// The journal events that turn `before` into `after` (a rotation and/or a revocation).
    static func events(from before: RefreshTokenFamily, to after: RefreshTokenFamily,
                       context: AuditContext) -> [IdentityEvent] {
        var events: [IdentityEvent] = []
        if after.generation > before.generation, let consumed = before.currentHash, let next = after.currentHash {
            events.append(.refreshTokenRotated(.init(
                familyID: after.id, subject: after.subject, consumedHash: consumed.hex, tokenHash: next.hex,
                expiresAt: after.currentExpiresAt.nanoseconds, source: context.source)))
        }
        if before.revokedAt == nil, let revokedAt = after.revokedAt, let reason = after.revocationReason {
            events.append(.refreshFamilyRevoked(.init(
                familyID: after.id, subject: after.subject, reason: reason.rawValue,
                revokedAt: revokedAt.nanoseconds, actor: context.actor, source: context.source)))
        }
        return events
    }

    // MARK: ApiTokenStore

    func insert(_ record: ApiTokenRecord) throws(TokenStoreError) {
        let context = AuditContext.current
        try storeMutate { (s) throws(TokenStoreError) -> [IdentityEvent] in
            guard s.apiTokens[record.hash] == nil, s.apiTokenHashByID[record.id] == nil else {
                throw TokenStoreError("duplicate API token")
            }
            return [.apiTokenCreated(.init(
                tokenID: record.id, name: record.name, role: record.role.rawValue, tokenHash: record.hash.hex,
                createdAt: record.createdAt.nanoseconds, expiresAt: record.expiresAt?.nanoseconds,
                actor: context.actor, source: context.source))]
        }
    }

    func record(hash: SHA256Digest) throws(TokenStoreError) -> ApiTokenRecord? {
        state.withLock { $0.apiTokens[hash] }
    }

    func revoke(id: String, at time: UnixTime) throws(TokenStoreError) -> Bool {
        let context = AuditContext.current
        var found = false
        try storeMutate { (s) throws(TokenStoreError) -> [IdentityEvent] in
            guard let hash = s.apiTokenHashByID[id], let record = s.apiTokens[hash] else { return [] }
            found = true
            guard record.revokedAt == nil else { return [] }
            return [.apiTokenRevoked(.init(tokenID: id, revokedAt: time.nanoseconds, reason: context.reason,
                                           actor: context.actor, source: context.source))]
        }
        return found
    }

    func all() throws(TokenStoreError) -> [ApiTokenRecord] {
        state.withLock { $0.apiTokens.values.sorted { $0.createdAt < $1.createdAt } }
    }

    /// `mutate` for the token-store protocols, whose contract speaks `TokenStoreError`.
    private func storeMutate(_ body: (IdentityState) throws(TokenStoreError) -> [IdentityEvent]) throws(TokenStoreError) {
        var inner: TokenStoreError?
        do throws(RPCError) {
            try mutate { (s) throws(RPCError) -> ([IdentityEvent], Void) in
                do throws(TokenStoreError) { return (try body(s), ()) } catch {
                    inner = error
                    throw RPCError(code: .internal, message: error.description)
                }
            }
        } catch {
            throw inner ?? TokenStoreError(error.message)
        }
    }
}

/// Who is acting, from where and why, for the events the token stores write on behalf of a
/// handler. A task-local because Security's services call the stores without knowing the caller.
struct AuditContext: Sendable {
    var actor: String
    var source: String
    var reason: String = ""

    @TaskLocal static var current = AuditContext(actor: "system", source: "local")

    /// Runs `body` with this context as `current`, keeping `body`'s typed error.
    func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = AuditContext.$current.withValue(self) { Result { () throws(E) -> T in try body() } }
        return try result.get()
    }
}
