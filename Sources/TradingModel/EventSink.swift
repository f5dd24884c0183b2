/// Where emitted events go (the journal writer, a recorder in tests).
public protocol EventSink {
    mutating func append(_ event: SequencedEvent)
}
