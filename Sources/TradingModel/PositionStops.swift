/// The protective exits the engine manages for one position.
public struct PositionStops: Hashable, Sendable, Codable {
    public var stopLoss: Price?
    public var takeProfit: Price?
    public var trailingDistance: Price?
    /// Best price since entry (highest for long, lowest for short), for trailing.
    public var bestPrice: Price?
    public init(stopLoss: Price? = nil, takeProfit: Price? = nil, trailingDistance: Price? = nil, bestPrice: Price? = nil) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailingDistance = trailingDistance
        self.bestPrice = bestPrice
    }
}
