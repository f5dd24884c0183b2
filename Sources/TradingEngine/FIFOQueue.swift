/// A first-in first-out queue in chunks of 4,096 elements; used to evict the oldest finished
/// orders and trade ids.
///
/// Chunked so that a copy (a snapshot's capture) stays cheap for the queue's owner: appends
/// write only the newest chunk and pops only move the head and drop whole chunks, so after a
/// copy the owner copies at most one chunk instead of the whole queue (up to 200,000 ids).
struct FIFOQueue<Element> {
    private static var chunkSize: Int { 4096 }
    /// Oldest first; every chunk but the last is full.
    private var chunks: [[Element]] = []
    /// Index of the oldest element in `chunks[0]`.
    private var head = 0
    private(set) var count = 0

    /// The queued elements, oldest first (for snapshots; O(count)).
    var elements: [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        for (k, chunk) in chunks.enumerated() { out.append(contentsOf: k == 0 ? chunk[head...] : chunk[...]) }
        return out
    }

    mutating func append(_ e: Element) {
        if let last = chunks.indices.last, chunks[last].count < Self.chunkSize {
            chunks[last].append(e)
        } else {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunk.append(e)
            chunks.append(chunk)
        }
        count += 1
    }

    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let e = chunks[0][head]
        head += 1
        count -= 1
        if head == chunks[0].count {
            chunks.removeFirst()
            head = 0
        }
        return e
    }

    mutating func removeAll() {
        chunks = []
        head = 0
        count = 0
    }
}

extension FIFOQueue: Sendable where Element: Sendable {}
