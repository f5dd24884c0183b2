#if canImport(Glibc)
import Glibc
#endif

/// A backup's identifier: the name of its directory under `<data>/backups/`, a UTC stamp such as
/// `20261124T233012.345Z`.
///
/// Why validate: the identifier comes from clients and becomes part of a path, so anything but the
/// exact stamp shape (no `/`, no `..`) is refused before touching the file system.
public struct BackupID: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// Accepts exactly `YYYYMMDDTHHMMSS.mmmZ`.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return nil }
        for (i, c) in bytes.enumerated() {
            let ok: Bool = switch i {
            case 8: c == UInt8(ascii: "T")
            case 15: c == UInt8(ascii: ".")
            case 19: c == UInt8(ascii: "Z")
            default: (48...57).contains(c)
            }
            guard ok else { return nil }
        }
        value = text
    }

    public var description: String { value }

    /// Nanoseconds since the epoch from an ISO 8601 UTC time with optional fraction
    /// (`2026-11-24T23:30:12.345Z`, the manifests' `createdAt`), or nil when it does not parse.
    static func nanoseconds(iso8601 text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z"), b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var n: Int32 = 0
            for i in range {
                guard (48...57).contains(b[i]) else { return nil }
                n = n * 10 + Int32(b[i] - 48)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction: Int64 = 0
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count - 21 >= 1, b.count - 21 <= 9 else { return nil }
            var digits = 0
            for i in 20..<(b.count - 1) {
                guard (48...57).contains(b[i]) else { return nil }
                fraction = fraction * 10 + Int64(b[i] - 48)
                digits += 1
            }
            for _ in digits..<9 { fraction *= 10 }
        } else if b.count != 20 {
            return nil
        }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = Int64(timegm(&parts))
        return seconds * 1_000_000_000 + fraction
    }

    /// `2026-11-24T23:30:12.345Z` for nanoseconds since the epoch (the manifests' format).
    static func iso8601(nanoseconds: Int64) -> String {
        var seconds = time_t(nanoseconds / 1_000_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(Int((nanoseconds / 1_000_000) % 1000), 3) + "Z"
    }
}
