import TradingModel

/// A clock the driver sets: replay sets it to each input's time, tests advance it.
/// Monotonic: setting it backwards is ignored, so time never runs back in the engine.
public final class ReplayClock: Clock {
    @exclusivity(unchecked) public private(set) var now: Timestamp
    public init(start: Timestamp = .zero) { now = start }
    public func set(_ time: Timestamp) { if time > now { now = time } }
    public func advance(by span: TimeSpan) { now = now.advanced(by: span) }
}
