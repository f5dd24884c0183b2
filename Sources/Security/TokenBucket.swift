/// A token bucket as a pure value: state plus `take(cost:now:)`.
///
/// Tokens are kept in nanotoken fixed point (`Int64`, 1 token = 1e9) so refill arithmetic is
/// exact and deterministic on a test clock. A clock going backwards never adds tokens.
public struct TokenBucket: Sendable, Equatable {
    static let scale: Int64 = 1_000_000_000

    public let rule: RateLimitRule
    private(set) var nanotokens: Int64
    private(set) var updatedAt: UnixTime

    /// A full bucket at `now`.
    public init(rule: RateLimitRule, now: UnixTime) {
        self.rule = rule
        self.nanotokens = Int64(rule.capacity) * Self.scale
        self.updatedAt = now
    }

    /// Tokens currently available (after refilling to `now`), for tests and metrics.
    public func available(at now: UnixTime) -> Double {
        var copy = self
        copy.refill(now: now)
        return Double(copy.nanotokens) / Double(Self.scale)
    }

    /// True when the bucket is full at `now` (an idle key that can be forgotten).
    func isFull(at now: UnixTime) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.nanotokens >= Int64(rule.capacity) * Self.scale
    }

    /// Takes `cost` tokens if available; otherwise says how long until they will be.
    public mutating func take(cost: Int = 1, now: UnixTime) -> RateLimitDecision {
        refill(now: now)
        let needed = Int64(max(cost, 0)) * Self.scale
        if needed > Int64(rule.capacity) * Self.scale {
            return .limited(retryAfter: .seconds(Int64.max / 4))  // can never fit; callers should not ask
        }
        if nanotokens >= needed {
            nanotokens -= needed
            return .allowed
        }
        let missing = Double(needed - nanotokens)
        let nanoseconds = (missing / rule.refillPerSecond).rounded(.up)
        return .limited(retryAfter: .nanoseconds(Int64(min(nanoseconds, 9e18))))
    }

    private mutating func refill(now: UnixTime) {
        guard now > updatedAt else { return }
        let elapsed = Double(now.nanoseconds - updatedAt.nanoseconds)  // ns
        let added = elapsed * rule.refillPerSecond  // nanotokens (ns * tokens/s * 1e9 / 1e9)
        let full = Int64(rule.capacity) * Self.scale
        nanotokens = added >= Double(full) ? full : min(full, nanotokens + Int64(added))
        updatedAt = now
    }
}
