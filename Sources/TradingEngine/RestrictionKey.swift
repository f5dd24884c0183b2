import TradingModel

/// One source's restriction of one scope (the key of the engine's restriction bookkeeping).
struct RestrictionKey: Hashable {
    let scope: TradingScope
    let source: RestrictionSource
}
