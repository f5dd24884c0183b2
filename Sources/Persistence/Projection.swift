/// A read model derived from the journal (orders, fills, positions, ...), kept in SQLite tables.
///
/// The store calls `apply` for every appended event **in the same transaction** as the event
/// itself, so a projection is never ahead of or behind the journal. Because a projection is a pure
/// function of the journal, it can always be dropped and rebuilt (`EventStore.rebuildProjections`);
/// bumping `version` makes the store rebuild it automatically at the next open.
///
/// Threading: `apply` runs on the store's writer thread only, with a `ProjectionContext` that is
/// valid for that call only. It must not block on other threads or call back into the store.
public protocol Projection<Event>: Sendable {
    associatedtype Event: Sendable

    /// Unique, stable name (stored in `projection_state`).
    var name: String { get }
    /// Bump whenever `schema` or `apply` changes meaning: the projection is then rebuilt on open.
    var version: Int { get }
    /// Idempotent DDL creating the projection's tables (`CREATE TABLE IF NOT EXISTS ...`).
    var schema: [StaticString] { get }
    /// Statements that remove the projection's tables before a rebuild (`DROP TABLE IF EXISTS ...`).
    var dropStatements: [StaticString] { get }
    /// Updates the projection's tables for one event. Throwing rolls back the whole batch and
    /// stops the store: a projection that cannot follow the journal must not silently drift.
    func apply(_ event: JournalEvent<Event>, to context: ProjectionContext) throws
}
