/// Settings for an `EventStore`. Value type; safe to share.
public struct StoreConfiguration: Sendable {
    /// SQLite's `synchronous` setting for the writer connection.
    ///
    /// `full` (default): the WAL is fsynced on every commit, so an acknowledged event survives power
    /// loss. `normal`: commits survive a process crash but the last transactions may roll back after
    /// power loss; only for rebuildable data or benchmarks. `extra`: also syncs the directory.
    public enum Synchronous: String, Sendable { case normal, full, extra }

    public var synchronous: Synchronous = .full
    /// How long a connection waits for a lock before reporting busy.
    public var busyTimeoutMilliseconds: Int = 5_000
    /// Most events the writer puts in one transaction (group commit).
    public var maxBatchSize: Int = 8_192
    /// Optional hard size limit in pages (SQLite `max_page_count`); a quota, and how tests simulate a full disk.
    public var maxPageCount: Int64?
    /// How many snapshots to keep; older ones are deleted when a new one is written.
    public var snapshotsToKeep: Int = 3
    /// Run WAL checkpoints on a background thread (default) instead of inside the commit that
    /// crosses 1000 WAL pages; keeps checkpoint I/O out of commit latency.
    public var backgroundCheckpoints: Bool = true
    /// Run `PRAGMA quick_check` when opening (recommended; cost grows with the database size).
    public var quickCheckOnOpen: Bool = true

    public init() {}
}
