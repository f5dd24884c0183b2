import Persistence
import TradingModel

/// `trading_account`: the account's cash after its latest fill and its running totals (realized
/// P&L before commissions, commissions, fills).
///
/// One row: a server trades one account. Totals are kept as exact fixed-point integers (`*_raw`,
/// `FixedPoint.scale` units) so SQL can add them without rounding; `cash` is also kept as decimal
/// text for reading in the `sqlite3` shell. Cash before the first fill is the configured initial cash
/// (no row yet).
public struct AccountProjection: Projection {
    public init() {}
    public var name: String { "trading_account" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
        CREATE TABLE IF NOT EXISTS trading_account (
            id INTEGER PRIMARY KEY CHECK (id = 1), cash TEXT NOT NULL, cash_raw INTEGER NOT NULL,
            realized_pnl_raw INTEGER NOT NULL, commissions_raw INTEGER NOT NULL, fills INTEGER NOT NULL,
            updated_ns INTEGER NOT NULL, seq INTEGER NOT NULL)
        """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS trading_account"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        guard case .engine(.orderFilled(let f)) = event.event else { return }
        try context.execute("""
            INSERT INTO trading_account (id, cash, cash_raw, realized_pnl_raw, commissions_raw, fills, updated_ns, seq)
            VALUES (1, ?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET cash = excluded.cash, cash_raw = excluded.cash_raw,
                realized_pnl_raw = realized_pnl_raw + excluded.realized_pnl_raw,
                commissions_raw = commissions_raw + excluded.commissions_raw, fills = fills + 1,
                updated_ns = excluded.updated_ns, seq = excluded.seq
            """,
            .text(f.cash.description), .integer(f.cash.raw), .integer(f.realizedPnL.raw),
            .integer(f.fill.commission.raw), .integer(f.fill.timestamp.nanoseconds), .integer(event.sequence))
    }
}
