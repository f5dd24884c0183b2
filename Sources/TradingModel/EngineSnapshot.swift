/// Everything needed to restart an engine without replaying its whole journal.
///
/// Persistence stores one periodically (with the sequence it covers), and on start
/// restores it and replays only the journal events after `sequence`. All collections
/// are arrays in a fixed order, so encoding a snapshot is deterministic. Indicator
/// state (ATR, strategy windows, volatility windows) is not included: it is re-warmed
/// from market data, exactly as on a cold start.
public struct EngineSnapshot: Hashable, Sendable, Codable {
    public struct Restriction: Hashable, Sendable, Codable {
        public let scope: TradingScope
        public let source: RestrictionSource
        public let state: TradingState
        /// Who imposed it (admin restrictions and the kill switch); nil for rules.
        public let principal: String?
        public init(scope: TradingScope, source: RestrictionSource, state: TradingState, principal: String? = nil) {
            self.scope = scope
            self.source = source
            self.state = state
            self.principal = principal
        }
    }

    public struct Breaker: Hashable, Sendable, Codable {
        public let kind: CircuitBreakerKind
        public let scope: TradingScope
        public let trippedAt: Timestamp
        public init(kind: CircuitBreakerKind, scope: TradingScope, trippedAt: Timestamp) {
            self.kind = kind
            self.scope = scope
            self.trippedAt = trippedAt
        }
    }

    public struct Market: Hashable, Sendable, Codable {
        public let symbol: Symbol
        public let lastPrice: Price?
        public let lastUpdate: Timestamp?
        public let stops: PositionStops
        public init(symbol: Symbol, lastPrice: Price?, lastUpdate: Timestamp?, stops: PositionStops) {
            self.symbol = symbol
            self.lastPrice = lastPrice
            self.lastUpdate = lastUpdate
            self.stops = stops
        }
    }

    /// Running totals (orders, fills, signals...) at the snapshot, so a restored engine reports the
    /// same counts as one that replayed the whole journal.
    public struct Counters: Hashable, Sendable, Codable {
        public var ordersSubmitted = 0, ordersDenied = 0, brokerRejections = 0, fills = 0, fillTimeouts = 0
        public var stopsTriggered = 0, signals = 0, signalsIgnored = 0
        public init() {}
    }

    /// Last event sequence included.
    public var sequence: UInt64
    /// The id the order-id source must issue next.
    public var nextOrderID: UInt64
    public var takenAt: Timestamp
    public var cash: Money
    public var peakEquity: Money
    public var dayStartEquity: Money
    public var currentDay: Int64?
    public var limits: RiskLimits
    /// Every order, in id order.
    public var orders: [Order]
    /// Broker trade ids already applied (duplicate-fill protection), oldest first: the order in
    /// which the engine forgets them, so a restored engine evicts exactly what a replayed one would.
    public var tradeIDs: [TradeID]
    /// Finished orders, oldest first (their eviction order; see `TradingEngine.orderRetention`).
    public var finishedOrderIDs: [OrderID]
    public var counters: Counters
    public var positions: [Position]
    public var markets: [Market]
    public var restrictions: [Restriction]
    public var breakers: [Breaker]

    public init(sequence: UInt64, nextOrderID: UInt64, takenAt: Timestamp, cash: Money, peakEquity: Money,
                dayStartEquity: Money, currentDay: Int64?, limits: RiskLimits, orders: [Order], tradeIDs: [TradeID],
                positions: [Position], markets: [Market], restrictions: [Restriction], breakers: [Breaker],
                finishedOrderIDs: [OrderID] = [], counters: Counters = Counters()) {
        self.sequence = sequence
        self.nextOrderID = nextOrderID
        self.takenAt = takenAt
        self.cash = cash
        self.peakEquity = peakEquity
        self.dayStartEquity = dayStartEquity
        self.currentDay = currentDay
        self.limits = limits
        self.orders = orders
        self.tradeIDs = tradeIDs
        self.positions = positions
        self.markets = markets
        self.restrictions = restrictions
        self.breakers = breakers
        self.finishedOrderIDs = finishedOrderIDs
        self.counters = counters
    }
}
