import TradingModel

/// A clock the driver sets: replay sets it to each input's time, tests advance it.
/// Monotonic: setting it backwards is ignored, so time never runs back in the engine.
public final class ReplayClock: Clock {
    @exclusivity(unchecked) public private(set) var now: Timestamp
    public init(start: Timestamp = .zero) { now = start }
    public func set(_ time: Timestamp) { if time > now { now = time } }
    public func advance(by span: TimeSpan) { now = now.advanced(by: span) }
}

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
