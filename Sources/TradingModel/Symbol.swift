/// An instrument's symbol (`EURUSD`, `GOOG`). Short strings stay inline (no heap).
public struct Symbol: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.value < b.value }
}
