import TradingModel

/// FNV-1a (64-bit) over each event's sequence, time, type name and value description:
/// two runs with equal event streams give equal hashes (the determinism check).
public struct EventStreamHash: EventSink, Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public private(set) var count = 0
    public init() {}

    public mutating func append(_ event: SequencedEvent) {
        count += 1
        mix("\(event.sequence)|\(event.timestamp.nanoseconds)|\(event.event.typeName)|\(event.event)\n")
    }

    private mutating func mix(_ s: String) {
        for b in s.utf8 {
            value ^= UInt64(b)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    /// 16 lowercase hex digits.
    public var hex: String {
        let h = String(value, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }
}
