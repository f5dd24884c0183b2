/// Names the strategy (or external signal source) an order or signal belongs to.
public struct StrategyID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: StrategyID, b: StrategyID) -> Bool { a.value < b.value }
}
