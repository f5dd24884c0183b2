import Persistence
import TradingModel

/// `trading_orders`: the latest state of every order.
public struct OrdersProjection: Projection {
    public init() {}
    public var name: String { "trading_orders" }
    public var version: Int { 1 }
    public var schema: [StaticString] {
        ["""
        CREATE TABLE IF NOT EXISTS trading_orders (
            order_id INTEGER PRIMARY KEY, client_order_id TEXT, strategy_id TEXT, symbol TEXT NOT NULL,
            side TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, quantity TEXT NOT NULL,
            filled_quantity TEXT NOT NULL, limit_price TEXT, created_ns INTEGER NOT NULL,
            updated_ns INTEGER NOT NULL, seq INTEGER NOT NULL)
        """]
    }
    public var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS trading_orders"] }

    public func apply(_ event: JournalEvent<ServerEvent>, to context: ProjectionContext) throws {
        guard case .engine(let e) = event.event, let o = e.order else { return }
        try context.execute("""
            INSERT INTO trading_orders (order_id, client_order_id, strategy_id, symbol, side, type, status, quantity,
                filled_quantity, limit_price, created_ns, updated_ns, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(order_id) DO UPDATE SET status = excluded.status, filled_quantity = excluded.filled_quantity,
                updated_ns = excluded.updated_ns, seq = excluded.seq
            """,
            .integer(Int64(bitPattern: o.id.value)), o.clientOrderID.map { .text($0.value) } ?? .null,
            o.strategyID.map { .text($0.value) } ?? .null, .text(o.symbol.value), .text(o.side.rawValue),
            .text(o.request.type.rawValue), .text(o.status.rawValue), .text(o.quantity.description),
            .text(o.filledQuantity.description), o.request.limitPrice.map { .text($0.description) } ?? .null,
            .integer(o.createdAt.nanoseconds), .integer(o.updatedAt.nanoseconds), .integer(event.sequence))
    }
}
