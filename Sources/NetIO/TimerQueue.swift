#if canImport(Glibc)
import Glibc
#endif

/// Identifies a scheduled timer so it can be cancelled.
public struct TimerID: Hashable, Sendable {
    let raw: UInt64
}

/// A binary min-heap of deadlines; loop-thread only. Cancelled timers are dropped lazily.
struct TimerQueue {
    private var heap: [(deadline: UInt64, id: UInt64)] = []
    private var actions: [UInt64: () -> Void] = [:]
    private var nextID: UInt64 = 1

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    var isEmpty: Bool { actions.isEmpty }

    mutating func schedule(afterNanoseconds delay: UInt64, _ action: @escaping () -> Void) -> TimerID {
        let id = nextID
        nextID += 1
        actions[id] = action
        heap.append((Self.now() &+ delay, id))
        siftUp(heap.count - 1)
        return TimerID(raw: id)
    }

    mutating func cancel(_ id: TimerID) { actions[id.raw] = nil }

    /// Milliseconds until the earliest live timer (rounded up), or -1 when there is none.
    mutating func timeoutMilliseconds(now: UInt64) -> Int32 {
        while let top = heap.first, actions[top.id] == nil { popTop() }
        guard let top = heap.first else { return -1 }
        if top.deadline <= now { return 0 }
        return Int32(min(60_000, (top.deadline - now + 999_999) / 1_000_000))
    }

    /// Removes and returns the actions whose deadline has passed, earliest first.
    mutating func takeExpired(now: UInt64) -> [() -> Void] {
        var fired: [() -> Void] = []
        while let top = heap.first, top.deadline <= now {
            popTop()
            if let action = actions.removeValue(forKey: top.id) { fired.append(action) }
        }
        return fired
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private mutating func siftUp(_ i: Int) {
        var i = i
        while i > 0 {
            let p = (i - 1) / 2
            if heap[p].deadline <= heap[i].deadline { break }
            heap.swapAt(p, i)
            i = p
        }
    }

    private mutating func siftDown(_ i: Int) {
        var i = i
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && heap[l].deadline < heap[m].deadline { m = l }
            if r < heap.count && heap[r].deadline < heap[m].deadline { m = r }
            if m == i { return }
            heap.swapAt(m, i)
            i = m
        }
    }
}
