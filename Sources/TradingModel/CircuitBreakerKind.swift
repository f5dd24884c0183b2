/// The circuit breakers the engine runs.
public enum CircuitBreakerKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Price moved more than a threshold within a window (instrument scope).
    case volatility = "VOLATILITY"
    /// N consecutive broker rejections (account scope).
    case consecutiveRejections = "CONSECUTIVE_REJECTIONS"
    /// No market data for an instrument for longer than a limit (instrument scope).
    case staleMarketData = "STALE_MARKET_DATA"
    /// The broker connection is down (account scope).
    case brokerDisconnected = "BROKER_DISCONNECTED"

    /// The restriction source a tripped breaker of this kind sets.
    public var source: RestrictionSource {
        switch self {
        case .volatility: return .volatilityBreaker
        case .consecutiveRejections: return .rejectionBreaker
        case .staleMarketData: return .staleDataBreaker
        case .brokerDisconnected: return .disconnectBreaker
        }
    }
}
