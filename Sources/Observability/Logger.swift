#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Line-oriented structured logging to standard error: `<RFC 3339 UTC> <LEVEL> <message> key=value ...`.
///
/// Writes with `write(2)` in one call per line so lines from different threads never interleave and
/// nothing sits in a stdio buffer when the process is signalled. Every line passes through the
/// registered redactor first, so secrets that slip into a message never reach the log.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var label: String {
            switch self {
            case .debug: "DEBUG"
            case .info: "INFO"
            case .warning: "WARN"
            case .error: "ERROR"
            }
        }
    }

    public let label: String
    public var minimumLevel: Level
    private let redact: @Sendable (String) -> String
    private let sink: @Sendable (String) -> Void

    /// - Parameters:
    ///   - label: the component, printed as `component=<label>`.
    ///   - redact: applied to every finished line (the security layer supplies one).
    ///   - sink: where finished lines go; standard error by default.
    public init(label: String, minimumLevel: Level = .info,
                redact: @escaping @Sendable (String) -> String = { $0 },
                sink: @escaping @Sendable (String) -> Void = Logger.standardError) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.redact = redact
        self.sink = sink
    }

    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }

    public func log(_ level: Level, _ message: String, _ fields: KeyValuePairs<String, String>) {
        guard level >= minimumLevel else { return }
        var line = Self.timestamp() + " " + level.label + " " + message + " component=" + label
        for (key, value) in fields {
            line += " " + key + "=" + Self.quoteIfNeeded(value)
        }
        sink(redact(line) + "\n")
    }

    /// Writes the whole line with one `write(2)`, retrying on EINTR and partial writes.
    public static let standardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }

    static func quoteIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return value
        }
        var out = "\""
        for c in value {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// Current UTC time as RFC 3339 with milliseconds, e.g. `2026-11-24T23:31:00.123Z`.
    public static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return RFC3339.format(seconds: Int64(ts.tv_sec), nanoseconds: Int(ts.tv_nsec))
    }
}
