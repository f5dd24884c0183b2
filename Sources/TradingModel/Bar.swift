/// One OHLCV bar; `timestamp` is when the bar became known to the engine.
///
/// In replay the bar is delivered at its timestamp and orders sent in response trade
/// no earlier than the next bar, so no decision ever uses prices it could not have seen.
public struct Bar: Hashable, Sendable, Codable {
    public let symbol: Symbol
    public let timestamp: Timestamp
    public let open: Price
    public let high: Price
    public let low: Price
    public let close: Price
    public let volume: Quantity

    public init(symbol: Symbol, timestamp: Timestamp, open: Price, high: Price, low: Price, close: Price,
                volume: Quantity) {
        self.symbol = symbol
        self.timestamp = timestamp
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
