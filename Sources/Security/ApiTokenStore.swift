import Synchronization

/// A service-account token as stored: never the token itself, only its hash.
public struct ApiTokenRecord: Sendable, Equatable {
    /// Public identifier (shown in listings, used by `Admin.RevokeToken`, audit events).
    public let id: String
    /// Human label ("backtest-runner").
    public let name: String
    public let role: Role
    public let hash: SHA256Digest
    public let createdAt: UnixTime
    /// nil = no expiry (discouraged; admins should set one).
    public let expiresAt: UnixTime?
    public var revokedAt: UnixTime?

    public init(id: String, name: String, role: Role, hash: SHA256Digest, createdAt: UnixTime,
                expiresAt: UnixTime?, revokedAt: UnixTime? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.hash = hash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// The principal subject of this token: distinct namespace from user ids.
    public var subject: String { "api-token:\(id)" }
}

/// Where API-token records live (in memory now; SQLite in the persistence issue).
/// `record(hash:)` is on the per-RPC path: a persistent implementation should keep an
/// in-memory index and update it on `insert`/`revoke`.
public protocol ApiTokenStore: Sendable {
    func insert(_ record: ApiTokenRecord) throws(TokenStoreError)
    func record(hash: SHA256Digest) throws(TokenStoreError) -> ApiTokenRecord?
    /// Marks the token revoked; returns false when no token has this id.
    func revoke(id: String, at: UnixTime) throws(TokenStoreError) -> Bool
    func all() throws(TokenStoreError) -> [ApiTokenRecord]
}

/// `ApiTokenStore` in memory, behind one `Mutex`.
public final class InMemoryApiTokenStore: ApiTokenStore {
    private let records = Mutex<[SHA256Digest: ApiTokenRecord]>([:])

    public init() {}

    public func insert(_ record: ApiTokenRecord) throws(TokenStoreError) {
        try records.withLock { (records) throws(TokenStoreError) in
            guard records[record.hash] == nil, !records.values.contains(where: { $0.id == record.id }) else {
                throw TokenStoreError("duplicate API token")
            }
            records[record.hash] = record
        }
    }

    public func record(hash: SHA256Digest) throws(TokenStoreError) -> ApiTokenRecord? {
        records.withLock { $0[hash] }
    }

    public func revoke(id: String, at time: UnixTime) throws(TokenStoreError) -> Bool {
        records.withLock { records in
            guard let hash = records.first(where: { $0.value.id == id })?.key else { return false }
            if records[hash]?.revokedAt == nil { records[hash]?.revokedAt = time }
            return true
        }
    }

    public func all() throws(TokenStoreError) -> [ApiTokenRecord] {
        records.withLock { $0.values.sorted { $0.createdAt < $1.createdAt } }
    }
}
