/// Why a fill could not be applied to an order.
public enum OrderFillError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    case nonPositiveQuantity
    case overfill(leaves: Quantity, attempted: Quantity)
    case illegal(IllegalTransition)
    case arithmetic(ArithmeticError)

    public var description: String {
        switch self {
        case .nonPositiveQuantity: return "fill quantity must be positive"
        case .overfill(let leaves, let attempted): return "overfill: \(attempted) exceeds leaves \(leaves)"
        case .illegal(let e): return e.description
        case .arithmetic(let e): return "arithmetic: \(e)"
        }
    }
}
