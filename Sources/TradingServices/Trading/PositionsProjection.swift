import Persistence
import TradingModel

/// `trading_positions`: the position of every instrument after its latest change.
public struct PositionsProjection: Projection {
    public init() {}
    public var name: String { "trading_positions" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
        CREATE TABLE IF NOT EXISTS trading_positions (
            symbol TEXT PRIMARY KEY, quantity TEXT NOT NULL, cost_basis TEXT NOT NULL, realized_pnl TEXT NOT NULL,
            commissions TEXT NOT NULL, updated_ns INTEGER NOT NULL, seq INTEGER NOT NULL)
        """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS trading_positions"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        let p: Position
        switch event.event {
        case .engine(.orderFilled(let f)): p = f.position
        case .engine(.positionChanged(let changed)): p = changed
        default: return
        }
        try context.execute("""
            INSERT OR REPLACE INTO trading_positions (symbol, quantity, cost_basis, realized_pnl, commissions, updated_ns, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            .text(p.symbol.value), .text(p.quantity.description), .text(p.costBasis.description),
            .text(p.realizedPnL.description), .text(p.commissions.description), .integer(p.updatedAt.nanoseconds),
            .integer(event.sequence))
    }
}
