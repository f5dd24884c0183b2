/// Creates, authenticates and revokes API tokens (service accounts; `Admin.CreateApiToken`,
/// `Admin.RevokeToken`).
///
/// The plaintext token is returned once by `create` and never stored or logged. A request
/// carrying `authorization: Bearer tba_...` is authenticated here instead of by the JWT
/// verifier (`OpaqueToken.kind(of:)` tells which).
public final class ApiTokenService: Sendable {
    public enum CreateError: Error, Sendable, Equatable {
        case invalidName
        case storage(TokenStoreError)
        case openSSL(OpenSSLError)
    }

    private let store: any ApiTokenStore
    private let clock: any SecurityClock

    public init(store: any ApiTokenStore, clock: any SecurityClock) {
        self.store = store
        self.clock = clock
    }

    /// Creates a token; the returned `token` string is the only copy of the secret.
    public func create(name: String, role: Role, lifetime: Duration?) throws(CreateError) -> (token: String, record: ApiTokenRecord) {
        guard !name.isEmpty, name.utf8.count <= 128, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidName
        }
        let now = clock.now()
        let generated: (token: String, hash: SHA256Digest), id: String
        do {
            generated = try OpaqueToken.generate(.api)
            id = SHA256Digest.hexString(try SecureRandom.bytes(8))
        } catch { throw .openSSL(error) }
        let record = ApiTokenRecord(id: id, name: name, role: role, hash: generated.hash, createdAt: now,
                                    expiresAt: lifetime.map { now + $0 })
        do { try store.insert(record) } catch { throw .storage(error) }
        return (generated.token, record)
    }

    /// The principal of a presented API token. Unknown, expired and revoked tokens are
    /// refused with the same verification errors as JWTs (all UNAUTHENTICATED).
    public func authenticate(token: String) throws(TokenVerificationError) -> Principal {
        guard let hash = OpaqueToken.lookupHash(of: token, expecting: .api) else { throw .malformedStructure }
        let found: ApiTokenRecord?
        do { found = try store.record(hash: hash) } catch { throw .unknownKey }
        guard let record = found else { throw .unknownKey }
        if record.revokedAt != nil { throw .revoked }
        let now = clock.now()
        if let expiresAt = record.expiresAt, now >= expiresAt { throw .expired }
        return Principal(subject: record.subject, role: record.role, credential: .apiToken(id: record.id),
                         validUntil: record.expiresAt ?? UnixTime(nanoseconds: .max))
    }

    /// Revokes by id; false when no such token exists.
    public func revoke(id: String) throws(TokenStoreError) -> Bool {
        try store.revoke(id: id, at: clock.now())
    }
}
