/// What `EventStore.open` found and did, for the server's startup log and health endpoint.
public struct StartupReport: Sendable {
    /// The database file.
    public var databasePath: String
    /// Schema version before migrations ran (0 for a new database).
    public var schemaVersionFound: Int64
    /// Schema version after opening.
    public var schemaVersion: Int64
    /// The last committed journal sequence at open (0 for an empty journal).
    public var lastSequence: Int64
    /// Whether `quick_check` ran (and passed: a failure throws instead).
    public var quickCheckPassed: Bool
    /// Names of projections rebuilt at open because their version changed or they were new.
    public var rebuiltProjections: [String]
    /// Non-fatal findings, each naming a file (e.g. a partial WAL frame from an interrupted write).
    public var warnings: [String]
    /// Wall time of `open`, in nanoseconds.
    public var openNanoseconds: Int64
}
