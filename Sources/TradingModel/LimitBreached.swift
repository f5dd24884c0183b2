/// Payload of `limitBreached`.
public struct LimitBreached: Hashable, Sendable, Codable {
    public enum Limit: String, Hashable, Sendable, Codable {
        case dailyLoss = "DAILY_LOSS"
        case maxDrawdown = "MAX_DRAWDOWN"
    }
    public let limit: Limit
    /// Observed value (money lost, or drawdown in basis points) as an exact decimal string.
    public let value: String
    public let threshold: String
    public let action: TradingState
    public init(limit: Limit, value: String, threshold: String, action: TradingState) {
        self.limit = limit
        self.value = value
        self.threshold = threshold
        self.action = action
    }
}
