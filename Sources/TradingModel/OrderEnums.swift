/// Buy or sell.
public enum OrderSide: String, Hashable, Sendable, Codable, CaseIterable {
    case buy = "BUY"
    case sell = "SELL"

    public var opposite: OrderSide { self == .buy ? .sell : .buy }
    /// +1 for buy, -1 for sell.
    @inlinable public var sign: Int64 { self == .buy ? 1 : -1 }
}

/// How an order is priced.
public enum OrderType: String, Hashable, Sendable, Codable, CaseIterable {
    case market = "MARKET"
    case limit = "LIMIT"
    case stop = "STOP"
    case stopLimit = "STOP_LIMIT"
    case trailingStop = "TRAILING_STOP"
}

/// How long an order works.
public enum TimeInForce: String, Hashable, Sendable, Codable, CaseIterable {
    /// Good till cancelled.
    case gtc = "GTC"
    /// Immediate or cancel: fill what is possible on the first eligible bar, cancel the rest.
    case ioc = "IOC"
    /// Fill or kill: fill completely on the first eligible bar or cancel.
    case fok = "FOK"
    /// Expires when the UTC day changes.
    case day = "DAY"
}
