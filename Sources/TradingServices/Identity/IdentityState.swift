import Security

/// The in-memory identity state: users, API tokens and refresh-token families, as a pure function
/// of the identity events of the journal.
///
/// Why a value type with one `apply`: the same code rebuilds the state at startup (`recover`) and
/// advances it live (`IdentityStore`), so a restart reproduces exactly what was served before.
/// Audit-only events (login attempts, denials) change nothing but `lastLoginAt`.
struct IdentityState: Sendable {
    var users: [String: UserRecord] = [:]
    var apiTokens: [SHA256Digest: ApiTokenRecord] = [:]
    var apiTokenHashByID: [String: SHA256Digest] = [:]
    /// Who created each API token (for `Admin.ListApiTokens`).
    var apiTokenCreators: [String: String] = [:]
    var families: [String: RefreshTokenFamily] = [:]
    var familyIDByHash: [SHA256Digest: String] = [:]

    /// A malformed event (an unknown role, a bad hash) written by this server is corruption: replay
    /// must stop rather than serve a state that differs from the journal.
    struct CorruptEvent: Error, CustomStringConvertible {
        let typeName: String
        let field: String
        var description: String { "identity event \(typeName): invalid \(field)" }
    }

    mutating func apply(_ event: IdentityEvent, at time: Int64) throws(CorruptEvent) {
        switch event {
        case .userCreated(let e):
            let role = try Self.role(e.role, event)
            users[e.username] = UserRecord(username: e.username, role: role, passwordHash: e.passwordHash,
                                           enabled: true, createdAt: time, lastLoginAt: nil)
        case .userRoleChanged(let e):
            let role = try Self.role(e.role, event)
            users[e.username]?.role = role
        case .userDisabled(let e):
            users[e.username]?.enabled = false
        case .userPasswordChanged(let e):
            users[e.username]?.passwordHash = e.passwordHash
        case .apiTokenCreated(let e):
            let role = try Self.role(e.role, event)
            let hash = try Self.digest(e.tokenHash, event, field: "tokenHash")
            apiTokens[hash] = ApiTokenRecord(id: e.tokenID, name: e.name, role: role, hash: hash,
                                             createdAt: UnixTime(nanoseconds: e.createdAt),
                                             expiresAt: e.expiresAt.map { UnixTime(nanoseconds: $0) })
            apiTokenHashByID[e.tokenID] = hash
            apiTokenCreators[e.tokenID] = e.actor
        case .apiTokenRevoked(let e):
            if let hash = apiTokenHashByID[e.tokenID], apiTokens[hash]?.revokedAt == nil {
                apiTokens[hash]?.revokedAt = UnixTime(nanoseconds: e.revokedAt)
            }
        case .refreshTokenIssued(let e):
            let hash = try Self.digest(e.tokenHash, event, field: "tokenHash")
            families[e.familyID] = RefreshTokenFamily(
                restoring: e.familyID, subject: e.subject, createdAt: UnixTime(nanoseconds: e.createdAt),
                absoluteExpiry: UnixTime(nanoseconds: e.familyExpiresAt), currentHash: hash,
                currentExpiresAt: UnixTime(nanoseconds: e.expiresAt), consumedHashes: [], generation: 0,
                revokedAt: nil, revocationReason: nil)
            familyIDByHash[hash] = e.familyID
        case .refreshTokenRotated(let e):
            let consumed = try Self.digest(e.consumedHash, event, field: "consumedHash")
            let next = try Self.digest(e.tokenHash, event, field: "tokenHash")
            guard let f = families[e.familyID] else { return }
            families[e.familyID] = RefreshTokenFamily(
                restoring: f.id, subject: f.subject, createdAt: f.createdAt, absoluteExpiry: f.absoluteExpiry,
                currentHash: next, currentExpiresAt: UnixTime(nanoseconds: e.expiresAt),
                consumedHashes: f.consumedHashes.union([consumed]), generation: f.generation + 1,
                revokedAt: nil, revocationReason: nil)
            familyIDByHash[next] = f.id
        case .refreshFamilyRevoked(let e):
            guard let reason = RefreshTokenFamily.RevocationReason(rawValue: e.reason) else {
                throw CorruptEvent(typeName: event.typeName, field: "reason")
            }
            families[e.familyID]?.revoke(reason: reason, now: UnixTime(nanoseconds: e.revokedAt))
        case .refreshFamiliesPurged(let e):
            let cutoff = UnixTime(nanoseconds: e.expiredBy)
            for (id, family) in families where family.absoluteExpiry <= cutoff {
                for hash in family.allHashes { familyIDByHash[hash] = nil }
                families[id] = nil
            }
        case .loginSucceeded(let e):
            users[e.actor]?.lastLoginAt = time
        case .loginFailed, .loggedOut, .refreshTokenReuseDetected, .permissionDenied:
            break
        }
    }

    /// The number of enabled admins other than `username` (guards against locking everyone out).
    func otherEnabledAdmins(than username: String) -> Int {
        users.values.filter { $0.enabled && $0.role == .admin && $0.username != username }.count
    }

    private static func role(_ text: String, _ event: IdentityEvent) throws(CorruptEvent) -> Role {
        guard let role = Role(rawValue: text) else { throw CorruptEvent(typeName: event.typeName, field: "role") }
        return role
    }

    private static func digest(_ text: String, _ event: IdentityEvent, field: String) throws(CorruptEvent) -> SHA256Digest {
        guard let digest = SHA256Digest(hex: text) else { throw CorruptEvent(typeName: event.typeName, field: field) }
        return digest
    }
}
