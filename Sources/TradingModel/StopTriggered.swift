/// Payload of `stopTriggered`: which exit fired; the other is disarmed (OCO).
public struct StopTriggered: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case stopLoss = "STOP_LOSS"
        case takeProfit = "TAKE_PROFIT"
    }
    public let symbol: Symbol
    public let kind: Kind
    public let level: Price
    /// The bar or quote price that crossed the level.
    public let triggerPrice: Price
    public init(symbol: Symbol, kind: Kind, level: Price, triggerPrice: Price) {
        self.symbol = symbol
        self.kind = kind
        self.level = level
        self.triggerPrice = triggerPrice
    }
}
