/// A decoded journal event with its sequence and time.
public struct JournalEvent<Event: Sendable>: Sendable {
    public var sequence: Int64
    public var timeNanoseconds: Int64
    public var event: Event

    public init(sequence: Int64, timeNanoseconds: Int64, event: Event) {
        self.sequence = sequence
        self.timeNanoseconds = timeNanoseconds
        self.event = event
    }
}
