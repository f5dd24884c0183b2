import Synchronization

/// Token buckets per key (e.g. principal + permission class), on an injected clock.
///
/// Memory is bounded: when more than `maxKeys` buckets exist, full buckets (indistinguishable
/// from new ones) are dropped first, then the least recently used. Thread-safe: one `Mutex`.
public final class RateLimiter<Key: Hashable & Sendable>: Sendable {
    private let rule: @Sendable (Key) -> RateLimitRule?
    private let clock: any SecurityClock
    private let maxKeys: Int
    private let buckets: Mutex<[Key: TokenBucket]>

    /// - Parameter rule: the rule for a key, or nil for "unlimited".
    public init(clock: any SecurityClock, maxKeys: Int = 100_000, rule: @escaping @Sendable (Key) -> RateLimitRule?) {
        self.rule = rule
        self.clock = clock
        self.maxKeys = max(1, maxKeys)
        self.buckets = Mutex([:])
    }

    /// Takes `cost` tokens from `key`'s bucket.
    public func acquire(_ key: Key, cost: Int = 1) -> RateLimitDecision {
        guard let rule = rule(key) else { return .allowed }
        let now = clock.now()
        return buckets.withLock { buckets in
            // Existing key: mutate the bucket in place (one hash lookup on the hot path).
            if let index = buckets.index(forKey: key) {
                if buckets.values[index].rule != rule {  // configuration changed
                    buckets.values[index] = TokenBucket(rule: rule, now: now)
                }
                return buckets.values[index].take(cost: cost, now: now)
            }
            if buckets.count >= maxKeys { Self.shrink(&buckets, now: now, target: maxKeys * 3 / 4) }
            var bucket = TokenBucket(rule: rule, now: now)
            let decision = bucket.take(cost: cost, now: now)
            buckets[key] = bucket
            return decision
        }
    }

    /// Number of tracked keys (metrics, tests).
    public var trackedKeyCount: Int { buckets.withLock { $0.count } }

    private static func shrink(_ buckets: inout [Key: TokenBucket], now: UnixTime, target: Int) {
        buckets = buckets.filter { !$0.value.isFull(at: now) }
        guard buckets.count > target else { return }
        let oldest = buckets.sorted { $0.value.updatedAt < $1.value.updatedAt }.prefix(buckets.count - target)
        for (key, _) in oldest { buckets[key] = nil }
    }
}

extension RateLimiter where Key == RPCRateLimitKey {
    /// A per-principal limiter with one rule per permission class (configurable), so a read
    /// flood never eats the order-entry budget. Classes missing from `rules` use `fallback`.
    public convenience init(clock: any SecurityClock, rules: [Permission: RateLimitRule],
                            fallback: RateLimitRule? = RateLimitRule(capacity: 50, refillPerSecond: 20)) {
        self.init(clock: clock) { key in rules[key.permissionClass] ?? fallback }
    }
}
