import Synchronization

/// Brute-force protection for `Auth.Login`: exponential backoff and temporary lockout, tracked
/// separately per username and per client address.
///
/// Use: `check(username:address:)` before the (expensive) KDF, so throttled attempts cost
/// nothing; then `recordFailure` or `recordSuccess` with the outcome. A success clears the
/// username's record (the address keeps its record: one good password must not launder an
/// address that is spraying other accounts).
///
/// Thread-safe (one `Mutex`); bounded memory (`maxTrackedKeys`, least recently failed evicted).
public final class LoginThrottle: Sendable {
    /// Backoff and lockout thresholds for one kind of key.
    public struct Policy: Sendable, Equatable {
        /// Failures allowed without any delay.
        public var freeFailures: Int
        /// Delay after the first failure beyond `freeFailures`; doubles per further failure.
        public var baseDelay: Duration
        /// Cap of the exponential delay.
        public var maxDelay: Duration
        /// Failures that trigger a lockout.
        public var lockoutThreshold: Int
        public var lockoutDuration: Duration
        /// A record with no failure for this long is forgotten.
        public var forgetAfter: Duration

        public init(freeFailures: Int, baseDelay: Duration, maxDelay: Duration, lockoutThreshold: Int,
                    lockoutDuration: Duration, forgetAfter: Duration) {
            self.freeFailures = freeFailures
            self.baseDelay = baseDelay
            self.maxDelay = maxDelay
            self.lockoutThreshold = lockoutThreshold
            self.lockoutDuration = lockoutDuration
            self.forgetAfter = forgetAfter
        }

        /// Per username: 3 free tries, then 1 s, 2 s, 4 s ... up to 5 min; 10 failures lock for 15 min.
        public static let username = Policy(freeFailures: 3, baseDelay: .seconds(1), maxDelay: .seconds(300),
                                            lockoutThreshold: 10, lockoutDuration: .seconds(900),
                                            forgetAfter: .seconds(3600))
        /// Per address: looser (NAT, several users), but stops password spraying across accounts.
        public static let address = Policy(freeFailures: 10, baseDelay: .seconds(1), maxDelay: .seconds(300),
                                           lockoutThreshold: 50, lockoutDuration: .seconds(1800),
                                           forgetAfter: .seconds(3600))
    }

    /// Why an attempt is refused.
    public enum Reason: Sendable, Equatable {
        case usernameBackoff, usernameLocked, addressBackoff, addressLocked
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        case throttled(retryAfter: Duration, reason: Reason)
    }

    struct Record {
        var failures: Int
        var lastFailure: UnixTime
        var lockedUntil: UnixTime?
    }

    enum Key: Hashable {
        case username(String)
        case address(String)
    }

    private let usernamePolicy: Policy
    private let addressPolicy: Policy
    private let clock: any SecurityClock
    private let maxTrackedKeys: Int
    private let records = Mutex<[Key: Record]>([:])

    public init(clock: any SecurityClock, usernamePolicy: Policy = .username, addressPolicy: Policy = .address,
                maxTrackedKeys: Int = 100_000) {
        self.clock = clock
        self.usernamePolicy = usernamePolicy
        self.addressPolicy = addressPolicy
        self.maxTrackedKeys = max(2, maxTrackedKeys)
    }

    /// May a login for `username` from `address` be attempted now?
    public func check(username: String, address: String) -> Decision {
        let now = clock.now()
        return records.withLock { records in
            let userWait = Self.wait(records[.username(Self.normalize(username))], policy: usernamePolicy, now: now)
            let addressWait = Self.wait(records[.address(address)], policy: addressPolicy, now: now)
            // Report the longer of the two waits.
            switch (userWait, addressWait) {
            case (nil, nil): return .allowed
            case (let u?, nil): return .throttled(retryAfter: u.0, reason: u.1 ? .usernameLocked : .usernameBackoff)
            case (nil, let a?): return .throttled(retryAfter: a.0, reason: a.1 ? .addressLocked : .addressBackoff)
            case (let u?, let a?):
                return u.0 >= a.0
                    ? .throttled(retryAfter: u.0, reason: u.1 ? .usernameLocked : .usernameBackoff)
                    : .throttled(retryAfter: a.0, reason: a.1 ? .addressLocked : .addressBackoff)
            }
        }
    }

    /// Records a failed attempt (wrong password or unknown user: both count, so probing for
    /// valid usernames is throttled the same way).
    public func recordFailure(username: String, address: String) {
        let now = clock.now()
        records.withLock { records in
            if records.count + 2 > maxTrackedKeys { Self.evict(&records, now: now, target: maxTrackedKeys * 3 / 4) }
            Self.fail(&records, key: .username(Self.normalize(username)), policy: usernamePolicy, now: now)
            Self.fail(&records, key: .address(address), policy: addressPolicy, now: now)
        }
    }

    /// Records a successful login: clears the username's failures.
    public func recordSuccess(username: String, address: String) {
        records.withLock { records in records[.username(Self.normalize(username))] = nil }
    }

    /// Number of tracked usernames and addresses (metrics, tests).
    public var trackedKeyCount: Int { records.withLock { $0.count } }

    static func normalize(_ username: String) -> String { String(username.lowercased().prefix(256)) }

    /// (wait, isLockout) or nil when an attempt is allowed now.
    private static func wait(_ record: Record?, policy: Policy, now: UnixTime) -> (Duration, Bool)? {
        guard let record else { return nil }
        if let lockedUntil = record.lockedUntil, now < lockedUntil { return (lockedUntil - now, true) }
        let excess = record.failures - policy.freeFailures
        guard excess > 0 else { return nil }
        let allowedAt = record.lastFailure + delay(excess: excess, policy: policy)
        return now < allowedAt ? (allowedAt - now, false) : nil
    }

    static func delay(excess: Int, policy: Policy) -> Duration {
        let shift = min(excess - 1, 40)
        let delay = policy.baseDelay * (1 << shift)
        return min(delay, policy.maxDelay)
    }

    private static func fail(_ records: inout [Key: Record], key: Key, policy: Policy, now: UnixTime) {
        var record = records[key] ?? Record(failures: 0, lastFailure: now, lockedUntil: nil)
        if now - record.lastFailure >= policy.forgetAfter, record.lockedUntil.map({ now >= $0 }) ?? true {
            record = Record(failures: 0, lastFailure: now, lockedUntil: nil)
        }
        if let lockedUntil = record.lockedUntil, now >= lockedUntil {
            // A lockout served: start a new round, but with no free attempts left.
            record.failures = policy.freeFailures
            record.lockedUntil = nil
        }
        record.failures += 1
        record.lastFailure = now
        if record.failures >= policy.lockoutThreshold, record.lockedUntil == nil {
            record.lockedUntil = now + policy.lockoutDuration
        }
        records[key] = record
    }

    private static func evict(_ records: inout [Key: Record], now: UnixTime, target: Int) {
        let oldest = records.sorted { $0.value.lastFailure < $1.value.lastFailure }.prefix(max(0, records.count - target))
        for (key, _) in oldest { records[key] = nil }
    }
}
