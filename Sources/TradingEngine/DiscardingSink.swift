import TradingModel

/// A sink that drops events (benchmarks) — the engine state is still updated.
public struct DiscardingSink: EventSink {
    public init() {}
    public mutating func append(_ event: SequencedEvent) {}
}
