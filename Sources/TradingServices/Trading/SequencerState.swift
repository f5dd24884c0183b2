import TradingEngine
import TradingModel

/// Everything owned by the sequencer thread: the engine, the paper broker, and read-side indexes
/// the RPCs ask for (journal sequence of each order's latest state, last bar per symbol).
///
/// Threading: confined to the sequencer thread. Never stored elsewhere; queries run as closures
/// on that thread (`EngineHost.query`) and return `Sendable` copies.
final class SequencerState {
    let engine: TradingEngine
    let clock: ReplayClock
    var broker: PaperBroker
    /// Journal sequence of the event that produced each order's current state.
    var orderSequence: [OrderID: Int64] = [:]
    /// The newest bar of each symbol (for quotes).
    var lastBar: [Symbol: Bar] = [:]
    /// Newest bar timestamp handed to the engine; bars are restamped strictly after it.
    var lastBarTime: Int64 = 0
    /// Journal sequence of the newest engine event.
    var lastSequence: Int64 = 0

    init(engine: TradingEngine, clock: ReplayClock, broker: PaperBroker) {
        self.engine = engine
        self.clock = clock
        self.broker = broker
    }

    func journalSequence(of order: Order) -> Int64 { orderSequence[order.id] ?? 0 }
}
