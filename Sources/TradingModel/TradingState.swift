/// What kind of orders a scope may send. Ordered from least to most restrictive.
public enum TradingState: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Everything allowed.
    case active = "ACTIVE"
    /// Only orders that reduce exposure.
    case reducing = "REDUCING"
    /// Only cancels.
    case halted = "HALTED"

    private var rank: Int {
        switch self {
        case .active: return 0
        case .reducing: return 1
        case .halted: return 2
        }
    }
    public static func < (a: TradingState, b: TradingState) -> Bool { a.rank < b.rank }
}

/// Where a trading state or circuit breaker applies.
public enum TradingScope: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    case account
    case instrument(Symbol)

    public var description: String {
        switch self {
        case .account: return "account"
        case .instrument(let s): return "instrument:\(s)"
        }
    }

    public static func < (a: TradingScope, b: TradingScope) -> Bool { a.description < b.description }
}

/// Who restricted a scope. A scope's effective state is the most restrictive over all
/// sources, so lifting one restriction (a breaker resetting) never lifts another (an
/// admin halt).
public enum RestrictionSource: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case admin = "ADMIN"
    case dailyLoss = "DAILY_LOSS"
    case drawdown = "DRAWDOWN"
    case volatilityBreaker = "VOLATILITY_BREAKER"
    case rejectionBreaker = "REJECTION_BREAKER"
    case staleDataBreaker = "STALE_DATA_BREAKER"
    case disconnectBreaker = "DISCONNECT_BREAKER"
    case killSwitch = "KILL_SWITCH"

    public static func < (a: RestrictionSource, b: RestrictionSource) -> Bool { a.rawValue < b.rawValue }
}

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
