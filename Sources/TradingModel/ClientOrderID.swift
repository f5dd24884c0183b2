/// The caller's idempotency key for an order: a retried submit with the same key
/// returns the existing order instead of creating a second one.
public struct ClientOrderID: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
}
