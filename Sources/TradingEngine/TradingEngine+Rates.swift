import TradingModel

extension TradingEngine {
    /// The rolling rates at the clock's current time.
    public var rates: EngineRates {
        let now = clock.now
        return EngineRates(orders: submittedWindow.countIn(now: now), rejections: rejectedWindow.countIn(now: now),
                           accepted: acceptedWindow.countIn(now: now), fillTimeouts: fillTimeoutWindow.countIn(now: now))
    }
}
