import Persistence
import RPCCore

/// One part of the server (identity and auth, trading, ...) plugged into the composer.
///
/// Lifecycle, driven by `TradebotServer` in this order: the store is opened (with the product's
/// projections, which are stateless and listed in `TradebotServer.standardProjections`); components
/// are built with the runtime; `restoreSnapshot` gets the component's section of the newest
/// startup snapshot, if it has one; `recover` sees the journal events after it in order;
/// `register` adds RPCs and interceptors; `start` runs after the listeners are bound; `shutdown`
/// runs after the transport has drained, before the store closes. While running,
/// `makeSnapshot` is called now and then (and once at a clean shutdown) to store a new section.
///
/// Snapshots are optional. A component that keeps none (`snapshotSection == nil`, the default)
/// still recovers exactly: it sees every journal event it asks for (`recoveredEventTypes`) from the
/// start of the journal. Declaring `recoveredEventTypes` keeps that cheap: rows of other types are
/// not decoded for it.
public protocol ServerComponent: Sendable {
    /// Journal rows this component's `recover` reads, as type-name prefixes (`"identity."`); nil
    /// (the default) means every row. A restart decodes only rows some component needs.
    var recoveredEventTypes: [String]? { get }
    /// The name of this component's snapshot section; nil (the default) when it keeps none.
    var snapshotSection: String? { get }
    /// Restores state from this component's section of the startup snapshot, before any
    /// `recover`. Throws when the section is unreadable (an unknown format, damaged data); the
    /// component's state must then be unchanged, and it recovers from the journal start instead.
    func restoreSnapshot(_ section: SnapshotSection) throws
    /// Captures this component's state now, as a section covering `through` (every event this
    /// component recovers from, up to and including that sequence, is in the data). Called from a
    /// background task; nil when there is nothing to save.
    func makeSnapshot() async throws -> SnapshotSection?
    /// Rebuilds in-memory state from one journal event (startup replay, in sequence order; only
    /// events after this component's snapshot section and of its `recoveredEventTypes`).
    func recover(_ event: JournalEvent<ServerEvent>) throws
    /// Adds this component's RPCs and interceptors.
    func register(in router: inout RPCRouter)
    /// Begins background work (feeds, timers) once the server is up.
    func start(_ runtime: ServerRuntime) async throws
    /// Stops background work; the store is closed after every component returns.
    func shutdown() async
}

extension ServerComponent {
    public var recoveredEventTypes: [String]? { nil }
    public var snapshotSection: String? { nil }
    public func restoreSnapshot(_ section: SnapshotSection) throws {}
    public func makeSnapshot() async throws -> SnapshotSection? { nil }
    public func recover(_ event: JournalEvent<ServerEvent>) throws {}
    public func start(_ runtime: ServerRuntime) async throws {}
    public func shutdown() async {}
}
