/// A strategy's (or external system's) wish about a position: never an order.
///
/// The engine turns it into an order by sizing (ATR, risk fraction of equity) and
/// running every risk check, exactly as for an order submitted over RPC.
public struct Signal: Hashable, Sendable, Codable {
    public enum Direction: String, Hashable, Sendable, Codable {
        case long = "LONG"
        case short = "SHORT"
        case flat = "FLAT"
    }

    public let strategyID: StrategyID
    public let symbol: Symbol
    public let direction: Direction
    public let timestamp: Timestamp
    /// Optional stop distance in price (else the engine uses ATR × multiple).
    public let stopDistance: Price?
    /// Make the protective stop trail the best price by the stop distance.
    public let trailingStop: Bool
    /// Optional take-profit distance in price.
    public let takeProfitDistance: Price?

    public init(strategyID: StrategyID, symbol: Symbol, direction: Direction, timestamp: Timestamp,
                stopDistance: Price? = nil, trailingStop: Bool = false, takeProfitDistance: Price? = nil) {
        self.strategyID = strategyID
        self.symbol = symbol
        self.direction = direction
        self.timestamp = timestamp
        self.stopDistance = stopDistance
        self.trailingStop = trailingStop
        self.takeProfitDistance = takeProfitDistance
    }
}
