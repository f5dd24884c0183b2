import Synchronization

/// A storage failure (I/O, constraint, corruption), reported by a store implementation.
public struct TokenStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "token store: \(message)" }
}

/// Where refresh-token families live. The in-memory implementation below serves tests and
/// single-process use; the SQLite one (persistence issue) implements the same contract with a
/// transaction per `update`.
///
/// Contract: `update` is atomic with respect to every other call (load, mutate, save as one
/// step): two concurrent refreshes with the same token must never both see it as current.
public protocol RefreshTokenStore: Sendable {
    /// Stores a new family. Fails if its id or any of its hashes is already known.
    func insert(_ family: RefreshTokenFamily) throws(TokenStoreError)

    /// Atomically finds the family containing `tokenHash` (current or consumed), lets `body`
    /// mutate it and saves the result, indexing any new hashes. Returns nil (and does not call
    /// `body`) when no family contains the hash.
    func update<Result>(familyContaining tokenHash: SHA256Digest,
                        _ body: (inout RefreshTokenFamily) -> Result) throws(TokenStoreError) -> Result?

    /// Atomically applies `body` to every family of `subject`.
    func updateFamilies(ofSubject subject: String, _ body: (inout RefreshTokenFamily) -> Void) throws(TokenStoreError)

    /// Deletes families whose absolute expiry is at or before `now` (housekeeping).
    func deleteExpired(now: UnixTime) throws(TokenStoreError)
}

/// `RefreshTokenStore` in memory, behind one `Mutex`.
public final class InMemoryRefreshTokenStore: RefreshTokenStore {
    struct State {
        var families: [String: RefreshTokenFamily] = [:]
        var byHash: [SHA256Digest: String] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func insert(_ family: RefreshTokenFamily) throws(TokenStoreError) {
        try state.withLock { (state) throws(TokenStoreError) in
            guard state.families[family.id] == nil else { throw TokenStoreError("duplicate family id") }
            guard family.allHashes.allSatisfy({ state.byHash[$0] == nil }) else { throw TokenStoreError("duplicate token hash") }
            state.families[family.id] = family
            for hash in family.allHashes { state.byHash[hash] = family.id }
        }
    }

    public func update<Result>(familyContaining tokenHash: SHA256Digest,
                               _ body: (inout RefreshTokenFamily) -> Result) throws(TokenStoreError) -> Result? {
        try state.withLock { (state) throws(TokenStoreError) -> Result? in
            guard let id = state.byHash[tokenHash], var family = state.families[id] else { return nil }
            let result = body(&family)
            guard family.id == id else { throw TokenStoreError("family id changed in update") }
            for hash in family.allHashes where state.byHash[hash] == nil { state.byHash[hash] = id }
            state.families[id] = family
            return result
        }
    }

    public func updateFamilies(ofSubject subject: String, _ body: (inout RefreshTokenFamily) -> Void) throws(TokenStoreError) {
        state.withLock { state in
            for (id, family) in state.families where family.subject == subject {
                var changed = family
                body(&changed)
                for hash in changed.allHashes where state.byHash[hash] == nil { state.byHash[hash] = id }
                state.families[id] = changed
            }
        }
    }

    public func deleteExpired(now: UnixTime) throws(TokenStoreError) {
        state.withLock { state in
            for (id, family) in state.families where family.absoluteExpiry <= now {
                for hash in family.allHashes { state.byHash[hash] = nil }
                state.families[id] = nil
            }
        }
    }

    /// Number of stored families (tests, metrics).
    public var familyCount: Int { state.withLock { $0.families.count } }
}
