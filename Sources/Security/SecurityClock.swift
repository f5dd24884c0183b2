#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A point in time as nanoseconds since the Unix epoch (or since boot, for the monotonic clock).
///
/// One integer keeps comparisons and arithmetic exact and cheap on the per-RPC path; JWT
/// NumericDates are whole seconds and convert losslessly.
public struct UnixTime: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64) { self.nanoseconds = seconds &* 1_000_000_000 }

    /// Whole seconds, rounded down (a JWT NumericDate).
    public var seconds: Int64 {
        nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
    }

    public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: UnixTime, rhs: Duration) -> UnixTime {
        UnixTime(nanoseconds: lhs.nanoseconds &+ rhs.nanosecondsClamped)
    }

    public static func - (lhs: UnixTime, rhs: Duration) -> UnixTime {
        UnixTime(nanoseconds: lhs.nanoseconds &- rhs.nanosecondsClamped)
    }

    /// The signed distance `lhs - rhs`.
    public static func - (lhs: UnixTime, rhs: UnixTime) -> Duration {
        .nanoseconds(lhs.nanoseconds &- rhs.nanoseconds)
    }

    public var description: String { "\(seconds)s" }
}

extension Duration {
    /// The duration in nanoseconds, saturating at the Int64 range (durations here are
    /// configuration values such as "15 minutes"; saturation only guards absurd input).
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return ns &+ attoseconds / 1_000_000_000
    }
}

/// The source of "now" for everything in this module.
///
/// Injected, never read directly by verifiers or limiters, so tests drive time with
/// `ManualClock` and never sleep, and replays can run on recorded time.
public protocol SecurityClock: Sendable {
    func now() -> UnixTime
}

/// Wall-clock time (`CLOCK_REALTIME`): what JWT `iat`/`exp` are expressed in.
public struct SystemClock: SecurityClock {
    public init() {}
    public func now() -> UnixTime {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UnixTime(nanoseconds: Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec))
    }
}

/// Monotonic time (`CLOCK_MONOTONIC`): for rate limiters, which must not be fooled by a
/// wall-clock step (an NTP correction backwards would otherwise freeze refills).
public struct MonotonicClock: SecurityClock {
    public init() {}
    public func now() -> UnixTime {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UnixTime(nanoseconds: Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec))
    }
}

/// A clock that only moves when told to: for tests and deterministic replays.
public final class ManualClock: SecurityClock {
    private let current: Mutex<UnixTime>

    public init(_ start: UnixTime = UnixTime(seconds: 1_800_000_000)) { current = Mutex(start) }

    public func now() -> UnixTime { current.withLock { $0 } }

    /// Moves time forward (or backward, with a negative duration, to test clock steps).
    public func advance(by duration: Duration) { current.withLock { $0 = $0 + duration } }

    public func set(_ time: UnixTime) { current.withLock { $0 = time } }
}
