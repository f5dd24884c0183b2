import Persistence
import TradingModel

/// `trading_fills`: every fill, once.
public struct FillsProjection: Projection {
    public init() {}
    public var name: String { "trading_fills" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
        CREATE TABLE IF NOT EXISTS trading_fills (
            trade_id TEXT PRIMARY KEY, order_id INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
            quantity TEXT NOT NULL, price TEXT NOT NULL, commission TEXT NOT NULL, time_ns INTEGER NOT NULL,
            seq INTEGER NOT NULL)
        """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS trading_fills"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        guard case .engine(.orderFilled(let f)) = event.event else { return }
        try context.execute("""
            INSERT OR IGNORE INTO trading_fills (trade_id, order_id, symbol, side, quantity, price, commission, time_ns, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            .text(f.fill.tradeID.value), .integer(Int64(bitPattern: f.fill.orderID.value)), .text(f.fill.symbol.value),
            .text(f.fill.side.rawValue), .text(f.fill.quantity.description), .text(f.fill.price.description),
            .text(f.fill.commission.description), .integer(f.fill.timestamp.nanoseconds), .integer(event.sequence))
    }
}
