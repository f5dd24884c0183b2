import Synchronization

/// The most recent N latency samples, for the SLA figures reported as "p95 now" (MISSION.md).
///
/// Recording is O(1) under a short lock; quantiles sort a copy when asked (scrapes, status calls).
public final class LatencyWindow: Sendable {
    private struct Ring {
        var samples: [Double]
        var next = 0
        var filled = 0
    }

    private let ring: Mutex<Ring>
    public let capacity: Int

    public init(capacity: Int = 4096) {
        precondition(capacity > 0)
        self.capacity = capacity
        ring = Mutex(Ring(samples: Array(repeating: 0, count: capacity)))
    }

    public func record(_ value: Double) {
        ring.withLock { r in
            r.samples[r.next] = value
            r.next = (r.next + 1) % r.samples.count
            r.filled = min(r.filled + 1, r.samples.count)
        }
    }

    /// The q-quantile (0...1, nearest-rank) of the window, or nil when empty.
    public func quantile(_ q: Double) -> Double? {
        let values = ring.withLock { Array($0.samples.prefix($0.filled)) }
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    public var count: Int { ring.withLock { $0.filled } }
}
