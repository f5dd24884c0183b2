import Persistence
import TradingModel

/// The trading read models kept in SQLite, updated in the same transaction as each journal event
/// (stateless values: `EventStore.rebuildProjections` reproduces them from the journal).
/// Decimals are stored as exact text; `seq` is the journal sequence of the last change.
public enum TradingProjections {
    public static var all: [any Projection<ServerEvent>] { [OrdersProjection(), FillsProjection(), PositionsProjection(), AccountProjection()] }
}
