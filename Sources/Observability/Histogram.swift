import Synchronization

/// Counts observations into fixed buckets (Prometheus histogram). Lock-free; safe from any thread.
///
/// Buckets are stored non-cumulatively and summed when rendered, so `observe` touches one counter.
public final class Histogram: Sendable {
    /// Upper bounds, strictly increasing; `+Inf` is implicit.
    public let upperBounds: [Double]
    private let buckets: [Counter]
    private let overflow = Counter()
    private let sumBits = Atomic<UInt64>(Double(0).bitPattern)

    /// Latency buckets in seconds, from 50 µs to 10 s.
    public static let latencySeconds: [Double] = [
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    public init(upperBounds: [Double] = Histogram.latencySeconds) {
        precondition(zip(upperBounds, upperBounds.dropFirst()).allSatisfy { $0 < $1 },
                     "histogram bounds must increase strictly")
        self.upperBounds = upperBounds
        self.buckets = upperBounds.map { _ in Counter() }
    }

    public func observe(_ value: Double) {
        if let index = upperBounds.firstIndex(where: { value <= $0 }) {
            buckets[index].increment()
        } else {
            overflow.increment()
        }
        var current = sumBits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + value).bitPattern
            let (exchanged, original) = sumBits.compareExchange(expected: current, desired: next, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Cumulative counts per bound (the last entry is `+Inf`, equal to `count`), and the sum.
    public func snapshot() -> (cumulative: [UInt64], sum: Double) {
        var running: UInt64 = 0
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(buckets.count + 1)
        for bucket in buckets {
            running &+= bucket.value
            cumulative.append(running)
        }
        running &+= overflow.value
        cumulative.append(running)
        return (cumulative, Double(bitPattern: sumBits.load(ordering: .relaxed)))
    }

    public var count: UInt64 { snapshot().cumulative.last ?? 0 }
}
