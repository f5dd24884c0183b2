/// Capacity and refill rate of a token bucket.
public struct RateLimitRule: Sendable, Equatable, Hashable {
    /// Burst size: tokens in a full bucket.
    public var capacity: Int
    /// Tokens added per second (sustained rate).
    public var refillPerSecond: Double

    public init(capacity: Int, refillPerSecond: Double) {
        self.capacity = max(1, capacity)
        self.refillPerSecond = max(refillPerSecond, 1e-9)
    }
}
