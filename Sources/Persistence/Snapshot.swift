/// Opaque engine state covering the journal up to and including `sequence`.
///
/// Restart = load the latest snapshot, then replay the events after `sequence`. The store does not
/// interpret `data`; `format` names its encoding so a later build can tell whether it can read it
/// (when it cannot, replay from the start of the journal instead).
public struct Snapshot: Sendable, Hashable {
    public var sequence: Int64
    public var format: String
    public var data: [UInt8]
    /// Creation time, nanoseconds since the Unix epoch.
    public var createdNanoseconds: Int64

    public init(sequence: Int64, format: String, data: [UInt8], createdNanoseconds: Int64) {
        self.sequence = sequence
        self.format = format
        self.data = data
        self.createdNanoseconds = createdNanoseconds
    }
}
