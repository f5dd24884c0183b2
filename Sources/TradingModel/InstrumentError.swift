/// Why an instrument definition or a value for it was refused.
public enum InstrumentError: Error, Hashable, Sendable, CustomStringConvertible {
    case nonPositiveIncrement(String)
    case minQuantityNotOnLot
    case tooPrecise(Int)
    case badDecimal(DecimalParseError)
    case offTick(String)
    case offLot(String)

    public var description: String {
        switch self {
        case .nonPositiveIncrement(let what): return "\(what) must be positive"
        case .minQuantityNotOnLot: return "minimum quantity must be a positive multiple of the lot size"
        case .tooPrecise(let n): return "tick, lot and multiplier use \(n) decimals together; at most \(FixedPoint.decimals) allowed"
        case .badDecimal(let e): return e.description
        case .offTick(let s): return "price \(s) is finer than the tick size"
        case .offLot(let s): return "quantity \(s) is finer than the lot size"
        }
    }
}
