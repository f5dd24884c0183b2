/// One stored journal row, not yet decoded.
public struct JournalRecord: Sendable, Hashable {
    /// Position in the journal: contiguous from 1, never reused.
    public var sequence: Int64
    /// Event time in nanoseconds since the Unix epoch, as given by the producer (the engine's clock).
    public var timeNanoseconds: Int64
    /// The codec's type name.
    public var typeName: String
    /// The codec's payload format version.
    public var payloadVersion: Int
    /// The encoded event.
    public var payload: [UInt8]

    public init(sequence: Int64, timeNanoseconds: Int64, typeName: String, payloadVersion: Int, payload: [UInt8]) {
        self.sequence = sequence
        self.timeNanoseconds = timeNanoseconds
        self.typeName = typeName
        self.payloadVersion = payloadVersion
        self.payload = payload
    }
}
