/// Payload of `circuitBreakerTripped` and `circuitBreakerReset`.
public struct CircuitBreakerEvent: Hashable, Sendable, Codable {
    public let kind: CircuitBreakerKind
    public let scope: TradingScope
    public let detail: String
    public init(kind: CircuitBreakerKind, scope: TradingScope, detail: String) {
        self.kind = kind
        self.scope = scope
        self.detail = detail
    }
}
