/// A rate-limit verdict. `retryAfter` is the hint for the `retry-after`-style trailer of a
/// RESOURCE_EXHAUSTED status.
public enum RateLimitDecision: Sendable, Equatable {
    case allowed
    case limited(retryAfter: Duration)

    public var isAllowed: Bool { self == .allowed }

    /// The wait in whole milliseconds, rounded up, for gRPC's `grpc-retry-pushback-ms`
    /// trailer (the standard retry hint clients honour); nil when allowed.
    public var retryAfterMilliseconds: Int64? {
        guard case .limited(let retryAfter) = self else { return nil }
        let nanoseconds = max(0, retryAfter.nanosecondsClamped)
        return nanoseconds / 1_000_000 + (nanoseconds % 1_000_000 == 0 ? 0 : 1)
    }
}
