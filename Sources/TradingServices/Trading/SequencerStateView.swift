import TradingEngine
import TradingModel

/// A read-only window on the sequencer's state, handed to `EngineHost.query` bodies.
///
/// Threading: valid only inside the query closure, on the sequencer thread.
public struct SequencerStateView {
    let state: SequencerState
    public var engine: TradingEngine { state.engine }
    public func journalSequence(of order: Order) -> Int64 { state.journalSequence(of: order) }
    public func lastBar(_ symbol: Symbol) -> Bar? { state.lastBar[symbol] }
    public var lastSequence: Int64 { state.lastSequence }
    public var brokerConnected: Bool { state.broker.connected }
    public var now: Timestamp { state.clock.now }
    /// How many times the risk limits were changed (the version `UpdateRiskLimits` checks).
    public var limitsVersion: UInt64 { state.limitsVersion }
}
