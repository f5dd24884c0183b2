import Synchronization

/// The RS256 keys of this server: one signing key and the public keys that still verify.
///
/// Rotation: `rotate(to:now:retainPreviousFor:)` makes a new key the signer and keeps the old
/// one as a verification key until every token it signed has expired (pass at least the
/// access-token lifetime plus the clock skew). `prune(now:)` drops keys whose time is up;
/// lookups also ignore them, so pruning is housekeeping, not a correctness step.
///
/// Thread-safety: all state is behind one `Mutex`; readers get immutable `RSAKey` references.
public final class JWTKeyRing: Sendable {
    struct Entry {
        let key: RSAKey
        /// nil for the current signing key; otherwise the instant it stops verifying.
        let retiresAt: UnixTime?
    }

    struct State {
        var signing: RSAKey
        var entries: [String: Entry]
    }

    private let state: Mutex<State>

    public init(signingKey: RSAKey) {
        state = Mutex(State(signing: signingKey, entries: [signingKey.kid: Entry(key: signingKey, retiresAt: nil)]))
    }

    /// The key new tokens are signed with.
    public var signingKey: RSAKey { state.withLock { $0.signing } }

    /// The key for `kid` if it is still allowed to verify at `now`.
    public func verificationKey(kid: String, at now: UnixTime) -> RSAKey? {
        state.withLock { state in
            guard let entry = state.entries[kid] else { return nil }
            if let retiresAt = entry.retiresAt, now >= retiresAt { return nil }
            return entry.key
        }
    }

    /// Adds a verification-only key (e.g. a previous key loaded from disk after a restart).
    public func addVerificationKey(_ key: RSAKey, until retiresAt: UnixTime) {
        state.withLock { state in
            // Never demote the current signing key to a retiring one.
            if let existing = state.entries[key.kid], existing.retiresAt == nil { return }
            state.entries[key.kid] = Entry(key: key, retiresAt: retiresAt)
        }
    }

    /// Makes `newKey` the signing key. The previous signing key keeps verifying until
    /// `now + retainPreviousFor`.
    public func rotate(to newKey: RSAKey, now: UnixTime, retainPreviousFor: Duration) {
        state.withLock { state in
            let previous = state.signing
            if previous.kid != newKey.kid {
                state.entries[previous.kid] = Entry(key: previous, retiresAt: now + retainPreviousFor)
            }
            state.signing = newKey
            state.entries[newKey.kid] = Entry(key: newKey, retiresAt: nil)
        }
    }

    /// Removes keys retired at or before `now`.
    public func prune(now: UnixTime) {
        state.withLock { state in
            state.entries = state.entries.filter { entry in
                guard let retiresAt = entry.value.retiresAt else { return true }
                return now < retiresAt
            }
        }
    }

    /// The key ids that verify at `now`, signing key first.
    public func activeKeyIDs(at now: UnixTime) -> [String] {
        state.withLock { state in
            let others = state.entries.values
                .filter { $0.key.kid != state.signing.kid && ($0.retiresAt.map { now < $0 } ?? true) }
                .map(\.key.kid)
                .sorted()
            return [state.signing.kid] + others
        }
    }

    /// A JWKS document (RFC 7517) of the keys that verify at `now`, for external verifiers.
    public func jwks(at now: UnixTime) -> String {
        let keys: [RSAKey] = state.withLock { state in
            state.entries.values.filter { $0.retiresAt.map { now < $0 } ?? true }.map(\.key)
        }
        let members = keys.sorted { $0.kid < $1.kid }.map { key in
            "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\(StrictJSON.quote(key.kid)),"
                + "\"n\":\(StrictJSON.quote(key.publicJWK["n"] ?? "")),\"e\":\(StrictJSON.quote(key.publicJWK["e"] ?? ""))}"
        }
        return "{\"keys\":[" + members.joined(separator: ",") + "]}"
    }
}
