/// An event with its position in the engine's total order.
public struct SequencedEvent: Hashable, Sendable, Codable {
    /// 1, 2, 3, … without gaps for one engine's lifetime (continued after restore).
    public let sequence: UInt64
    public let timestamp: Timestamp
    public let event: EngineEvent

    public init(sequence: UInt64, timestamp: Timestamp, event: EngineEvent) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.event = event
    }
}
