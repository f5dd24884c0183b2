import TradingModel

/// Identity of one breaker instance.
struct BreakerKey: Hashable {
    let kind: CircuitBreakerKind
    let scope: TradingScope
}
