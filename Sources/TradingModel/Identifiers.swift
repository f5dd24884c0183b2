/// An instrument's symbol (`EURUSD`, `GOOG`). Short strings stay inline (no heap).
public struct Symbol: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.value < b.value }
}

/// The engine's own order identifier, issued by the injected `OrderIDSource`.
/// Monotonic within an engine's lifetime and restored from snapshots, so it is unique
/// across restarts.
public struct OrderID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: UInt64
    public init(_ value: UInt64) { self.value = value }
    public var description: String { "O-\(value)" }
    public static func < (a: OrderID, b: OrderID) -> Bool { a.value < b.value }
}

/// The caller's idempotency key for an order: a retried submit with the same key
/// returns the existing order instead of creating a second one.
public struct ClientOrderID: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
}

/// Names the strategy (or external signal source) an order or signal belongs to.
public struct StrategyID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: StrategyID, b: StrategyID) -> Bool { a.value < b.value }
}

/// The broker's identifier of one execution; a second fill with the same id is a duplicate.
public struct TradeID: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
}

/// The account an engine instance trades (one engine per account).
public struct AccountID: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
}
