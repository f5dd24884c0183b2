import TradingModel

/// Order ids 1, 2, 3, … (or from a restored counter).
public final class SequentialOrderIDs: OrderIDSource {
    private var next: UInt64
    public init(startingAt first: UInt64 = 1) { next = first }
    public func nextOrderID() -> OrderID {
        defer { next += 1 }
        return OrderID(next)
    }
    public var peekNext: UInt64 { next }
}
