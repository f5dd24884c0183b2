import TradingEngine
import TradingModel

/// Wraps a strategy so its signals pass only while its switch is on. Confined to the sequencer.
final class SwitchableStrategy: Strategy {
    let inner: any Strategy
    let control: StrategySwitch

    init(_ inner: any Strategy, control: StrategySwitch) {
        self.inner = inner
        self.control = control
    }

    var id: StrategyID { inner.id }
    var symbol: Symbol { inner.symbol }

    func onBar(_ bar: Bar, context: StrategyContext) -> Signal? {
        let signal = inner.onBar(bar, context: context)
        return control.isRunning ? signal : nil
    }

    func onFill(_ fill: Fill) { inner.onFill(fill) }
}
