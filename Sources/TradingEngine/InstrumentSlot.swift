import TradingModel

/// Everything the engine keeps per instrument, in one array element so the hot path
/// does one dictionary lookup (symbol -> index) per input.
struct InstrumentSlot {
    let instrument: Instrument
    var position: Position
    var stops = PositionStops()
    /// Open engine exit order for this position (a stop fired), to avoid firing twice.
    var pendingExit: OrderID?
    var lastPrice: Price?
    var lastUpdate: Timestamp?
    var atr: AverageTrueRange
    /// Recent (time, price) pairs for the volatility breaker.
    var recentPrices: [(Int64, Int64)] = []
    /// Sum of `leavesQuantity.raw` over the open orders of this instrument, per side: what the
    /// pre-trade position check adds to the position, kept by `store` on every order change so
    /// the check does not walk the open orders. Fixed-point raw units, wrapping like the walk did.
    var openBuyLeaves: Int64 = 0
    var openSellLeaves: Int64 = 0
    /// Orders in UNKNOWN status: new orders wait until they are resolved.
    var unknownOrders = 0
    var strategies: [Int] = []
    /// Effective trading state of this instrument's scope (cache of the restrictions map).
    var state: TradingState = .active
    /// Whether the stale-data breaker of this instrument is tripped (cache).
    var staleTripped = false

    init(instrument: Instrument, atrPeriod: Int) {
        self.instrument = instrument
        self.position = Position(symbol: instrument.symbol)
        self.atr = AverageTrueRange(period: atrPeriod)
    }

    /// Adds `raw` (negative to remove) to the open leaves total of `side`.
    mutating func addOpenLeaves(_ raw: Int64, side: OrderSide) {
        if side == .buy { openBuyLeaves &+= raw } else { openSellLeaves &+= raw }
    }

    var hasStops: Bool { stops.stopLoss != nil || stops.takeProfit != nil }
}
