import TradingModel

/// A clock tests move by hand; nothing ever sleeps.
public final class TestClock: Clock {
    public private(set) var now: Timestamp
    public init(_ start: Timestamp = Timestamp(nanoseconds: 1_700_000_000 * 1_000_000_000)) { now = start }
    public func advance(by span: TimeSpan) { now = now.advanced(by: span) }
    public func set(_ time: Timestamp) { now = time }
}
