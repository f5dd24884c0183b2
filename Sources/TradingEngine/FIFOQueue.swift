/// A first-in first-out queue on an array with a moving head (amortized O(1), compacts
/// itself); used to evict the oldest finished orders and trade ids.
struct FIFOQueue<Element> {
    private var storage: [Element] = []
    private var head = 0

    var count: Int { storage.count - head }

    /// The queued elements, oldest first (for snapshots).
    var elements: ArraySlice<Element> { storage[head...] }

    mutating func append(_ e: Element) { storage.append(e) }

    mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let e = storage[head]
        head += 1
        if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return e
    }

    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}
