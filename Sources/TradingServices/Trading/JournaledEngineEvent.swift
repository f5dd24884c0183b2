import TradingModel

/// One engine event as the rest of the server sees it: its journal sequence (the position every
/// stream reports and every `from_sequence` refers to), the engine time it happened and the event.
public struct JournaledEngineEvent: Sendable, Hashable {
    public let sequence: Int64
    public let timeNanoseconds: Int64
    public let event: EngineEvent

    public init(sequence: Int64, timeNanoseconds: Int64, event: EngineEvent) {
        self.sequence = sequence
        self.timeNanoseconds = timeNanoseconds
        self.event = event
    }
}
