import TradingEngine
import TradingModel

/// Everything owned by the sequencer thread: the engine, the paper broker, and read-side indexes
/// the RPCs ask for (last bar per symbol; the journal sequence of each order's latest state is
/// kept by the engine beside the order, `TradingEngine.setJournalSequence`, and evicted with it).
///
/// Threading: confined to the sequencer thread. Never stored elsewhere; queries run as closures
/// on that thread (`EngineHost.query`) and return `Sendable` copies.
final class SequencerState {
    let engine: TradingEngine
    let clock: ReplayClock
    var broker: PaperBroker
    /// The newest bar of each symbol (for quotes).
    var lastBar: [Symbol: Bar] = [:]
    /// Newest bar timestamp handed to the engine; bars are restamped strictly after it.
    var lastBarTime: Int64 = 0
    /// Number of `RiskLimitsChanged` events so far.
    var limitsVersion: UInt64 = 0
    /// Journal sequence of the newest engine event.
    var lastSequence: Int64 = 0
    /// Prefix making this run's paper trade ids unique across restarts (the paper broker counts
    /// trades from 1 each time it is created; a repeated id would be refused as a duplicate).
    let session: String

    init(engine: TradingEngine, clock: ReplayClock, broker: PaperBroker, session: String) {
        self.engine = engine
        self.clock = clock
        self.broker = broker
        self.session = session
    }

    /// The paper broker lives in this process, so its book is rebuilt at start from the journal:
    /// every open order the engine sent (accepted, partially filled, awaiting acknowledgement,
    /// UNKNOWN, or being cancelled) is put back as the venue held it, with only its unfilled
    /// quantity and no second acknowledgement. A real broker keeps its book across our restart;
    /// either way the orders whose outcome is unknown are then resolved by asking it
    /// (`EngineHost.reconcileAtStart`).
    func restoreBrokerBook() {
        for order in engine.openOrders { broker.restore(order) }
    }

    /// Rewrites a paper report for this run: session-unique trade ids.
    func adapt(_ report: BrokerReport) -> BrokerReport? {
        switch report {
        case .filled(let f):
            return .filled(Fill(tradeID: TradeID("\(session)-\(f.tradeID.value)"), orderID: f.orderID, symbol: f.symbol,
                                side: f.side, quantity: f.quantity, price: f.price, commission: f.commission,
                                timestamp: f.timestamp))
        default:
            return report
        }
    }

    /// Journal sequence of the event that produced a retained order's current state (0 if none).
    func journalSequence(of order: Order) -> Int64 { engine.journalSequence(of: order.id) ?? 0 }
}
