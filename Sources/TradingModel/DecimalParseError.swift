/// Why a decimal string was refused.
public enum DecimalParseError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case invalidCharacter(String)
    case tooManyDecimals(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .empty: return "empty decimal"
        case .invalidCharacter(let s): return "not a plain decimal number: '\(s)'"
        case .tooManyDecimals(let s): return "more than \(FixedPoint.decimals) decimals: '\(s)'"
        case .outOfRange(let s): return "out of range: '\(s)'"
        }
    }
}
