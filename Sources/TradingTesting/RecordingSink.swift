import TradingModel

/// Keeps every event it is given, in order (a journal double).
public final class RecordingSink: EventSink {
    public private(set) var events: [SequencedEvent] = []
    public init() {}
    public func append(_ event: SequencedEvent) { events.append(event) }
    public var typeNames: [String] { events.map(\.event.typeName) }
}
