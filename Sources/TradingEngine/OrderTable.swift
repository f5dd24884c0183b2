import TradingModel

/// Values keyed by order id, stored in chunks of 256 consecutive ids (a dictionary of chunks
/// keyed by `id >> 8`, each chunk an array indexed by the id's low bits).
///
/// Why not `[OrderID: Value]`: the engine keeps up to 100,000 retained orders on the sequencer
/// thread. A flat dictionary rehashes everything when it doubles (tens of ms at 49,152 and
/// 98,304 entries, during which no order is handled), and a snapshot that holds a copy-on-write
/// reference to it makes the engine's next write copy all of it. Here each chunk is its own
/// copy-on-write buffer: ids are monotonic, so new orders land in the newest chunk and updates
/// mostly touch recent ones; after a capture only the chunks written to are copied, once each,
/// and growth adds a chunk instead of rehashing the whole table.
///
/// Any id is stored exactly; dense ids (as `SequentialOrderIDs` issues) use the space best.
struct OrderTable<Value> {
    private static var shift: UInt64 { 8 }
    private static var mask: UInt64 { (1 << shift) - 1 }

    fileprivate struct Chunk {
        /// Indexed by the id's low bits; grown on demand up to 256 slots.
        var slots: [Value?] = []
        /// Number of non-nil slots; an empty chunk is removed.
        var live = 0
    }

    private var chunks: [UInt64: Chunk] = [:]
    /// Number of values stored.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    /// Number of chunks held (for tests: emptied chunks must be freed, or eviction would leak).
    var chunkCount: Int { chunks.count }

    subscript(id: OrderID) -> Value? {
        get {
            guard let chunk = chunks[id.value >> Self.shift] else { return nil }
            let offset = Int(id.value & Self.mask)
            return offset < chunk.slots.count ? chunk.slots[offset] : nil
        }
        set {
            if let newValue { updateValue(newValue, forKey: id) } else { removeValue(forKey: id) }
        }
    }

    /// Stores `value` for `id`; returns the value it replaced.
    @discardableResult
    mutating func updateValue(_ value: Value, forKey id: OrderID) -> Value? {
        let offset = Int(id.value & Self.mask)
        let previous: Value? = Self.update(&chunks[id.value >> Self.shift, default: Chunk()], offset: offset, value)
        if previous == nil { count += 1 }
        return previous
    }

    /// Removes the value of `id`; returns it.
    @discardableResult
    mutating func removeValue(forKey id: OrderID) -> Value? {
        let key = id.value >> Self.shift
        let offset = Int(id.value & Self.mask)
        guard let chunk = chunks[key], offset < chunk.slots.count, chunk.slots[offset] != nil else { return nil }
        if chunk.live == 1 {
            count -= 1
            return chunks.removeValue(forKey: key)?.slots[offset]
        }
        let previous: Value? = Self.update(&chunks[key, default: Chunk()], offset: offset, nil)
        count -= 1
        return previous
    }

    private static func update(_ chunk: inout Chunk, offset: Int, _ value: Value?) -> Value? {
        if offset >= chunk.slots.count {
            guard value != nil else { return nil }
            chunk.slots.append(contentsOf: repeatElement(nil, count: offset + 1 - chunk.slots.count))
        }
        let previous = chunk.slots[offset]
        chunk.slots[offset] = value
        if previous == nil && value != nil { chunk.live += 1 }
        if previous != nil && value == nil { chunk.live -= 1 }
        return previous
    }

    /// Removes everything; the next values start new chunks.
    mutating func removeAll() {
        chunks = [:]
        count = 0
    }

    /// Every (id, value) pair in ascending id order.
    func forEachInIDOrder(_ body: (OrderID, Value) throws -> Void) rethrows {
        for key in chunks.keys.sorted() {
            guard let chunk = chunks[key] else { continue }
            let base = key << Self.shift
            for (offset, value) in chunk.slots.enumerated() {
                if let value { try body(OrderID(base | UInt64(offset)), value) }
            }
        }
    }

    /// The values in ascending id order.
    var valuesInIDOrder: [Value] {
        var out: [Value] = []
        out.reserveCapacity(count)
        forEachInIDOrder { _, value in out.append(value) }
        return out
    }
}

extension OrderTable: Sendable where Value: Sendable {}
extension OrderTable.Chunk: Sendable where Value: Sendable {}
