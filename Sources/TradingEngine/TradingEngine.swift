import TradingModel

/// The deterministic trading engine: order manager, risk engine, portfolio, stops,
/// circuit breakers and strategy host for one account.
///
/// Functional core: `handle(_:)` takes one input from the ordered inbox and returns
/// the events it emitted (already applied to state, with sequence numbers) and the
/// broker requests to perform. It does no I/O, reads time only from the injected
/// `Clock` and order ids only from the injected `OrderIDSource`, so the same inputs
/// always give the same outputs — in backtest, paper and live.
///
/// Threading: not thread-safe by design. One instance is owned by one sequencer
/// thread; other threads post inputs to that thread's inbox.
///
/// Hot stored properties are marked `@exclusivity(unchecked)`: the engine is confined
/// to one thread and never hands out overlapping `inout` access to them, and the
/// dynamic exclusivity checks were a quarter of the replay profile.
///
/// State changes happen only in `apply(_:)` (see `TradingEngine+Apply.swift`), called
/// for every emitted event; `rebuild(from:)` runs the same function over a journal.
public final class TradingEngine {
    public let account: AccountID
    let clock: any Clock
    let ids: any OrderIDSource
    public let initialCash: Money

    // Configuration and instruments.
    public internal(set) var limits: RiskLimits
    @exclusivity(unchecked) var slots: [InstrumentSlot] = []
    var slotIndex: [Symbol: Int] = [:]
    @exclusivity(unchecked) var strategies: [any Strategy] = []

    // State rebuilt from events.
    @exclusivity(unchecked) public internal(set) var sequence: UInt64 = 0
    /// Retained orders (open ones and the newest `orderRetention` finished ones), chunked by id
    /// so that neither growth nor a snapshot's capture costs the sequencer a whole-table copy.
    @exclusivity(unchecked) var orders = OrderTable<Order>()
    /// The host's journal sequence of each retained order's latest state (`setJournalSequence`),
    /// evicted with the order.
    @exclusivity(unchecked) var journalSequences = OrderTable<Int64>()
    /// Open order ids in ascending order (ids are monotonic, so appends keep it sorted).
    @exclusivity(unchecked) var openOrderIDs: [OrderID] = []
    /// No open order can reach its acknowledgement or fill timeout before this time (engine
    /// nanoseconds), so `checkTimers` skips the scan of the open orders until then. Lowered by
    /// every stored order whose deadline is earlier, recomputed by each scan, reset by a limits
    /// change; 0 means "scan at the next input" (the state after a restore). Runtime state only:
    /// it never changes what the engine emits, only how often it looks.
    @exclusivity(unchecked) var nextOrderTimeout: Int64 = 0
    var clientOrderIDs: [ClientOrderID: OrderID] = [:]
    @exclusivity(unchecked) var tradeIDs: Set<TradeID> = []
    /// Finished orders and applied trade ids, oldest first, for bounded retention.
    var finishedOrders = FIFOQueue<OrderID>()
    var appliedTrades = FIFOQueue<TradeID>()
    /// How many finished (terminal) orders stay queryable and idempotent; older ones are
    /// evicted. Eviction is a pure function of the event sequence, so replay matches.
    public let orderRetention: Int
    @exclusivity(unchecked) public internal(set) var cash: Money
    var restrictions: [TradingScope: [RestrictionSource: TradingState]] = [:]
    /// Who imposed each restriction in force, when a person did (admin halts, the kill switch).
    var restrictionPrincipals: [RestrictionKey: String] = [:]
    /// Caches of `restrictions` for the hot path, kept in step by `apply`.
    @exclusivity(unchecked) var accountState: TradingState = .active
    @exclusivity(unchecked) var dailyLossLevel: TradingState = .active
    @exclusivity(unchecked) var drawdownLevel: TradingState = .active
    var trippedBreakers: [BreakerKey: Timestamp] = [:]
    @exclusivity(unchecked) var currentDay: Int64?
    @exclusivity(unchecked) public internal(set) var dayStartEquity: Money

    // Market-derived and runtime state (snapshot, not events).
    @exclusivity(unchecked) public internal(set) var peakEquity: Money
    @exclusivity(unchecked) var accountSubmits: SlidingWindowCounter
    var strategySubmits: [StrategyID: SlidingWindowCounter] = [:]
    @exclusivity(unchecked) var consecutiveRejections = 0
    var submittedWindow: SlidingWindowCounter
    var rejectedWindow: SlidingWindowCounter
    var acceptedWindow: SlidingWindowCounter
    var fillTimeoutWindow: SlidingWindowCounter
    @exclusivity(unchecked) public internal(set) var counters = EngineCounters()

    // Output buffers, reused between calls.
    @exclusivity(unchecked) var outEvents: [SequencedEvent] = []
    @exclusivity(unchecked) var outRequests: [BrokerRequest] = []

    /// Creates an engine.
    /// - Parameters:
    ///   - instruments: the tradable universe; orders for other symbols are denied.
    ///   - limits: risk limits, sizing and breaker configuration.
    ///   - initialCash: starting cash of the account (its equity when flat).
    ///   - clock: the only source of time.
    ///   - ids: the only source of order ids.
    ///   - strategies: hosted strategies; each receives bars of its symbol.
    ///   - orderRetention: finished orders kept in memory (and idempotent on their client
    ///     order id); the oldest are evicted beyond it. Trade ids are kept for twice as
    ///     many fills. Open orders are never evicted.
    public init(account: AccountID = "default", instruments: [Instrument], limits: RiskLimits, initialCash: Money,
                clock: any Clock, ids: any OrderIDSource, strategies: [any Strategy] = [],
                orderRetention: Int = 100_000) {
        self.account = account
        self.orderRetention = max(1, orderRetention)
        self.clock = clock
        self.ids = ids
        self.limits = limits
        self.initialCash = initialCash
        self.cash = initialCash
        self.peakEquity = initialCash
        self.dayStartEquity = initialCash
        self.accountSubmits = SlidingWindowCounter(capacity: max(1, (limits.maxSubmitsPerSecond ?? 0) + 1), window: .seconds(1))
        self.submittedWindow = SlidingWindowCounter(capacity: 100_000, window: limits.rateWindow)
        self.rejectedWindow = SlidingWindowCounter(capacity: 100_000, window: limits.rateWindow)
        self.acceptedWindow = SlidingWindowCounter(capacity: 100_000, window: limits.rateWindow)
        self.fillTimeoutWindow = SlidingWindowCounter(capacity: 100_000, window: limits.rateWindow)
        for instrument in instruments where slotIndex[instrument.symbol] == nil {
            slotIndex[instrument.symbol] = slots.count
            slots.append(InstrumentSlot(instrument: instrument, atrPeriod: limits.atrPeriod))
        }
        for strategy in strategies { add(strategy) }
        reserveRetainedCapacity()
        outEvents.reserveCapacity(16)
        outRequests.reserveCapacity(16)
    }

    /// Hosts another strategy (its symbol must be a known instrument; others get no bars).
    public func add(_ strategy: any Strategy) {
        let k = strategies.count
        strategies.append(strategy)
        if let i = slotIndex[strategy.symbol] { slots[i].strategies.append(k) }
    }

    /// Processes one input and returns what it produced. Never throws: refusals are events.
    public func handle(_ input: EngineInput) -> EngineStep {
        outEvents.removeAll(keepingCapacity: true)
        outRequests.removeAll(keepingCapacity: true)
        let now = clock.now
        rollDayIfNeeded(now)
        var result: CommandResult?
        switch input {
        case .bar(let bar): onBar(bar, now: now)
        case .quote(let quote): onQuote(quote, now: now)
        case .broker(let report): onBrokerReport(report, now: now)
        case .command(let command): result = onCommand(command, now: now)
        case .timer: break
        }
        checkTimers(now)
        return EngineStep(events: outEvents, requests: outRequests, result: result)
    }

    /// Assigns the next sequence number, applies the event to state and queues it.
    func emit(_ event: EngineEvent, at now: Timestamp) {
        sequence += 1
        apply(event, at: now)
        outEvents.append(SequencedEvent(sequence: sequence, timestamp: now, event: event))
    }

    func send(_ r: BrokerRequest) { outRequests.append(r) }

    /// Index of an instrument: a linear scan for small universes (comparing short
    /// inline strings is cheaper than hashing them), the dictionary otherwise.
    @inline(__always)
    func slot(of symbol: Symbol) -> Int? {
        if slots.count <= 4 {
            for i in slots.indices where slots[i].instrument.symbol == symbol { return i }
            return nil
        }
        return slotIndex[symbol]
    }

    // MARK: Queries (read on the engine thread, or from a snapshot).

    public var instruments: [Instrument] { slots.map(\.instrument) }
    public func instrument(_ symbol: Symbol) -> Instrument? { slotIndex[symbol].map { slots[$0].instrument } }
    public func order(_ id: OrderID) -> Order? { orders[id] }
    public func order(clientOrderID: ClientOrderID) -> Order? { clientOrderIDs[clientOrderID].flatMap { orders[$0] } }
    /// Open orders in id order.
    public var openOrders: [Order] { openOrderIDs.compactMap { orders[$0] } }
    /// Every order known, in id order.
    public var allOrders: [Order] { orders.valuesInIDOrder }

    /// Records the journal sequence of the event that produced `id`'s current state (the host's
    /// numbering, not the engine's). Kept only while the order is retained and evicted with it,
    /// so it needs no pruning of its own; ignored for an order the engine does not hold.
    public func setJournalSequence(_ sequence: Int64, of id: OrderID) {
        if orders[id] != nil { journalSequences[id] = sequence }
    }

    /// The journal sequence recorded for a retained order, if any.
    public func journalSequence(of id: OrderID) -> Int64? { journalSequences[id] }
    public func position(_ symbol: Symbol) -> Position? { slotIndex[symbol].map { slots[$0].position } }
    /// Positions of all instruments (flat ones included), in instrument order.
    public var positions: [Position] { slots.map(\.position) }
    public func stops(_ symbol: Symbol) -> PositionStops? { slotIndex[symbol].map { slots[$0].stops } }
    public func lastPrice(_ symbol: Symbol) -> Price? { slotIndex[symbol].flatMap { slots[$0].lastPrice } }
    public func atr(_ symbol: Symbol) -> Price? { slotIndex[symbol].flatMap { slots[$0].atr.value } }

    /// The effective trading state of a scope (most restrictive over its sources).
    public func tradingState(_ scope: TradingScope) -> TradingState {
        switch scope {
        case .account: return accountState
        case .instrument(let s): return slotIndex[s].map { slots[$0].state } ?? (restrictions[scope]?.values.max() ?? .active)
        }
    }

    /// Restrictions in force, per scope and source (sorted for display).
    public var activeRestrictions: [(TradingScope, RestrictionSource, TradingState)] {
        restrictions.flatMap { scope, sources in sources.map { (scope, $0.key, $0.value) } }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    /// The principal who imposed `source`'s restriction of `scope`, if one is in force and a
    /// person imposed it (admin halt, kill switch).
    public func restrictionPrincipal(_ scope: TradingScope, _ source: RestrictionSource) -> String? {
        restrictionPrincipals[RestrictionKey(scope: scope, source: source)]
    }

    /// Tripped breakers and when they tripped.
    public var trippedCircuitBreakers: [(CircuitBreakerKind, TradingScope, Timestamp)] {
        trippedBreakers.map { ($0.key.kind, $0.key.scope, $0.value) }
            .sorted { ($0.1, $0.0.rawValue) < ($1.1, $1.0.rawValue) }
    }

    public var portfolio: PortfolioSummary { portfolioSummary() }
}
