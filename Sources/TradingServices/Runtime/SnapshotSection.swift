/// One component's part of a startup snapshot: its state in a format it names, covering every
/// journal event up to and including `through` that the component recovers from.
///
/// Each section carries its own sequence, so components are captured one after the other without
/// stopping the server; at start each component replays only the events after its own `through`.
public struct SnapshotSection: Sendable, Equatable {
    /// The component's section name (`ServerComponent.snapshotSection`).
    public var name: String
    /// The component's encoding of `data`, e.g. "engine-host/1"; a component refuses a format it
    /// does not know, and then recovers from the journal instead.
    public var format: String
    public var through: Int64
    public var data: [UInt8]

    public init(name: String, format: String, through: Int64, data: [UInt8]) {
        self.name = name
        self.format = format
        self.through = through
        self.data = data
    }
}
