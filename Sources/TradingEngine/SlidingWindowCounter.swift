import TradingModel

/// Counts events in a rolling time window with a fixed-capacity ring (no allocation
/// after construction). Used for submit rates and the rejection / fill-timeout rates.
struct SlidingWindowCounter: Sendable {
    private var times: [Int64]
    private var head = 0
    private(set) var count = 0
    let window: Int64

    init(capacity: Int, window: TimeSpan) {
        self.times = Array(repeating: 0, count: max(1, capacity))
        self.window = window.nanoseconds
    }

    /// Drops entries older than the window ending at `now`.
    mutating func expire(now: Timestamp) {
        while count > 0, times[head] <= now.nanoseconds - window {
            head = (head + 1) % times.count
            count -= 1
        }
    }

    /// Entries within the window ending at `now`.
    mutating func countIn(now: Timestamp) -> Int {
        expire(now: now)
        return count
    }

    /// Entries within the window ending at `now`, without mutating (a scan of at most
    /// `capacity` entries; used by the read-only pre-trade check).
    func countWithin(now: Timestamp) -> Int {
        var n = count
        var k = head
        while n > 0, times[k] <= now.nanoseconds - window {
            k = (k + 1) % times.count
            n -= 1
        }
        return n
    }

    /// Records one entry; when full, the oldest is dropped (the count saturates at capacity).
    mutating func record(_ now: Timestamp) {
        expire(now: now)
        if count == times.count {
            head = (head + 1) % times.count
            count -= 1
        }
        times[(head + count) % times.count] = now.nanoseconds
        count += 1
    }
}
