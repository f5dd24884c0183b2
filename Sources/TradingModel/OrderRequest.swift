/// What a caller (RPC, strategy sizing, kill switch) asks the engine to place.
///
/// The engine validates it (tick, lot, prices present for the type), runs every
/// pre-trade risk check and only then creates an `Order`.
public struct OrderRequest: Hashable, Sendable, Codable {
    public var clientOrderID: ClientOrderID?
    public var strategyID: StrategyID?
    public var symbol: Symbol
    public var side: OrderSide
    public var type: OrderType
    public var quantity: Quantity
    public var limitPrice: Price?
    /// Stop trigger price for STOP and STOP_LIMIT; initial trigger for TRAILING_STOP.
    public var triggerPrice: Price?
    /// Trailing distance for TRAILING_STOP orders.
    public var trailingOffset: Price?
    public var timeInForce: TimeInForce
    public var reduceOnly: Bool
    public var bracket: Bracket?

    public init(clientOrderID: ClientOrderID? = nil, strategyID: StrategyID? = nil, symbol: Symbol,
                side: OrderSide, type: OrderType = .market, quantity: Quantity, limitPrice: Price? = nil,
                triggerPrice: Price? = nil, trailingOffset: Price? = nil, timeInForce: TimeInForce = .gtc,
                reduceOnly: Bool = false, bracket: Bracket? = nil) {
        self.clientOrderID = clientOrderID
        self.strategyID = strategyID
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.limitPrice = limitPrice
        self.triggerPrice = triggerPrice
        self.trailingOffset = trailingOffset
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.bracket = bracket
    }
}
