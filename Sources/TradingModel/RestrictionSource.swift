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
