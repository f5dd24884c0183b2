/// Nanoseconds since the Unix epoch, UTC.
///
/// The engine never reads the wall clock: every timestamp comes from an injected
/// `Clock` or from the input (a bar's time), which is what makes replay exact.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var nanoseconds: Int64
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = Timestamp(nanoseconds: 0)
    public static let nanosPerSecond: Int64 = 1_000_000_000
    public static let nanosPerDay: Int64 = 86_400 * 1_000_000_000

    @inlinable public static func < (a: Timestamp, b: Timestamp) -> Bool { a.nanoseconds < b.nanoseconds }

    @inlinable
    public func advanced(by span: TimeSpan) -> Timestamp {
        Timestamp(nanoseconds: nanoseconds &+ span.nanoseconds)
    }

    /// Time elapsed from `earlier` to `self`.
    @inlinable
    public func since(_ earlier: Timestamp) -> TimeSpan {
        TimeSpan(nanoseconds: nanoseconds &- earlier.nanoseconds)
    }

    /// Whole UTC days since the epoch (the daily-loss limit resets when this changes).
    public var utcDay: Int64 {
        let d = nanoseconds / Self.nanosPerDay
        return nanoseconds % Self.nanosPerDay < 0 ? d - 1 : d
    }

    /// Builds a timestamp from a UTC calendar date and time (proleptic Gregorian).
    /// Returns nil for impossible dates (month 13, February 30, hour 24).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.nanoseconds = seconds * Self.nanosPerSecond
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second appended only when present).
    public var description: String {
        let day = utcDay
        let (y, m, d) = Self.civilFromDays(day)
        let inDay = nanoseconds - day * Self.nanosPerDay
        let secs = inDay / Self.nanosPerSecond
        let frac = inDay % Self.nanosPerSecond
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = "\(y)-\(two(Int64(m)))-\(two(Int64(d)))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))"
        if frac != 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: 9 - f.count) + f
        }
        return s + "Z"
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil_from_days.
    static func civilFromDays(_ z0: Int64) -> (Int64, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }
}
