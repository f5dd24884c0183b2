/// Payload of `tradingDayStarted`.
public struct TradingDayStarted: Hashable, Sendable, Codable {
    /// Days since the epoch (UTC).
    public let day: Int64
    public let startEquity: Money
    public init(day: Int64, startEquity: Money) {
        self.day = day
        self.startEquity = startEquity
    }
}
