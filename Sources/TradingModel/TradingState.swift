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
