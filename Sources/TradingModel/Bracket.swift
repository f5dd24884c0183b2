/// Exits attached to an entry order, managed by the engine (not by the broker).
///
/// When the entry fills, the engine arms the exits on the position; whichever exit
/// triggers first closes the position and disarms the other (one-cancels-other).
/// A trailing distance makes the stop-loss follow the best price since entry.
public struct Bracket: Hashable, Sendable, Codable {
    public var stopLoss: Price?
    public var takeProfit: Price?
    /// Distance the stop trails behind the best price; each move emits `StopUpdated`.
    public var trailingDistance: Price?

    public init(stopLoss: Price? = nil, takeProfit: Price? = nil, trailingDistance: Price? = nil) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailingDistance = trailingDistance
    }
}
