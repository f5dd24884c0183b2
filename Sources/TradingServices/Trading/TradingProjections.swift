import Persistence
import TradingModel

/// The trading read models kept in SQLite, updated in the same transaction as each journal event
/// (stateless values: `EventStore.rebuildProjections` reproduces them from the journal).
/// Decimals are stored as exact text; `seq` is the journal sequence of the last change.
public enum TradingProjections {
    public static var all: [any Projection<ServerEvent>] { [OrdersProjection(), FillsProjection(), PositionsProjection()] }
}

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
