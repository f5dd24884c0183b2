/// The projection's handle on the writer's open transaction.
///
/// Threading and lifetime: not Sendable; valid only inside `Projection.apply` on the writer
/// thread. SQL must be a literal (`StaticString`); every value goes through a bound parameter.
/// Statements are prepared once and cached on the writer connection.
public final class ProjectionContext {
    let connection: SQLiteConnection

    init(connection: SQLiteConnection) { self.connection = connection }

    /// Runs a statement that returns no rows (INSERT, UPDATE, DELETE, UPSERT).
    public func execute(_ sql: StaticString, _ values: SQLValue...) throws(StoreError) {
        try connection.statement(sql).run(values)
    }

    /// Runs a query and returns its rows (for read-modify-write projections such as positions).
    public func rows(_ sql: StaticString, _ values: SQLValue...) throws(StoreError) -> [[SQLValue]] {
        try connection.statement(sql).rows(values)
    }
}
