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
