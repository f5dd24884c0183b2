/// The engine's own order identifier, issued by the injected `OrderIDSource`.
/// Monotonic within an engine's lifetime and restored from snapshots, so it is unique
/// across restarts.
public struct OrderID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: UInt64
    public init(_ value: UInt64) { self.value = value }
    public var description: String { "O-\(value)" }
    public static func < (a: OrderID, b: OrderID) -> Bool { a.value < b.value }
}
