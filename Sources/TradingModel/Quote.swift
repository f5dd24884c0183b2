/// A top-of-book quote or last trade price.
public struct Quote: Hashable, Sendable, Codable {
    public let symbol: Symbol
    public let timestamp: Timestamp
    public let bid: Price
    public let ask: Price
    /// Volume traded since the previous quote (for bar aggregation), zero if unknown.
    public let volume: Quantity

    public init(symbol: Symbol, timestamp: Timestamp, bid: Price, ask: Price, volume: Quantity = .zero) {
        self.symbol = symbol
        self.timestamp = timestamp
        self.bid = bid
        self.ask = ask
        self.volume = volume
    }

    /// (bid + ask) / 2 truncated to the raw unit; used as the last price.
    public var mid: Price { Price(raw: bid.raw / 2 + ask.raw / 2 + (bid.raw % 2 + ask.raw % 2) / 2) }
}
