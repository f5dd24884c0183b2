/// Machine-readable reason an order or signal was refused before reaching the broker.
///
/// The raw value is the stable code the RPC layer returns with FAILED_PRECONDITION.
public enum RiskRejectReason: String, Hashable, Sendable, Codable, CaseIterable {
    case unknownInstrument = "UNKNOWN_INSTRUMENT"
    case invalidOrder = "INVALID_ORDER"
    case offTick = "PRICE_NOT_ON_TICK"
    case offLot = "QUANTITY_NOT_ON_LOT"
    case belowMinQuantity = "BELOW_MIN_QUANTITY"
    case maxOrderQuantity = "MAX_ORDER_QUANTITY"
    case maxOrderNotional = "MAX_ORDER_NOTIONAL"
    case maxPosition = "MAX_POSITION"
    case maxGrossExposure = "MAX_GROSS_EXPOSURE"
    case priceCollar = "PRICE_COLLAR"
    case maxOpenOrders = "MAX_OPEN_ORDERS"
    case accountSubmitRate = "ACCOUNT_SUBMIT_RATE"
    case strategySubmitRate = "STRATEGY_SUBMIT_RATE"
    case reduceOnly = "REDUCE_ONLY"
    case tradingHalted = "TRADING_HALTED"
    case tradingReducing = "TRADING_REDUCING"
    case noMarketData = "NO_MARKET_DATA"
    case unresolvedOrders = "UNRESOLVED_ORDERS"
    case sizeTooSmall = "SIZE_TOO_SMALL"
    case arithmeticOverflow = "ARITHMETIC_OVERFLOW"
}
