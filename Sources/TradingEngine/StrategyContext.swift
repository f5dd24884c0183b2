import TradingModel

/// What a strategy may know besides the bar.
public struct StrategyContext: Sendable {
    /// Current signed position in the strategy's instrument.
    public let position: Quantity
    /// ATR of the instrument (nil during warm-up).
    public let atr: Price?

    public init(position: Quantity, atr: Price?) {
        self.position = position
        self.atr = atr
    }
}
