import TradingModel

/// A trading strategy: fed bars and fills, it emits signals, never orders.
///
/// The engine owns sizing and risk, so every strategy (and every external signal)
/// takes the same checked path to the broker. Strategies are classes owned by the
/// engine's thread; they must be deterministic (no clock, no randomness of their own).
public protocol Strategy: AnyObject {
    var id: StrategyID { get }
    /// The instrument whose bars this strategy receives.
    var symbol: Symbol { get }
    /// Called once per bar of `symbol`, after positions are marked and stops checked.
    func onBar(_ bar: Bar, context: StrategyContext) -> Signal?
    /// Called for fills of this strategy's orders.
    func onFill(_ fill: Fill)
}

extension Strategy {
    public func onFill(_ fill: Fill) {}
}
