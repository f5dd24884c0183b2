import Foundation
import Persistence

/// How the server makes backups: the schedule, how many to keep, and the optional encryption key.
///
/// Read from the environment (not from `ServerConfiguration`) so the backup settings stay one
/// self-contained unit that `tradebotd serve` and the offline commands share. Every value is
/// validated when the server starts; an error names the variable to fix and never echoes a key.
public struct BackupConfiguration: Sendable {
    /// Time between scheduled backups; nil disables the schedule (on-demand backups still work).
    public var interval: Duration?
    /// How many complete backups to keep (the newest N) after each backup.
    public var retain: Int
    /// AES-256-GCM key for new backups and for verifying encrypted ones; nil writes plaintext.
    public var key: BackupKey?

    /// The stable environment interface.
    public enum Variable {
        public static let interval = "TRADEBOT_BACKUP_INTERVAL"
        public static let retain = "TRADEBOT_BACKUP_RETAIN"
        public static let key = BackupKey.environmentVariable
        public static let keyFile = BackupKey.fileEnvironmentVariable
    }

    /// Defaults: daily, keep 7, no encryption.
    public init(interval: Duration? = .seconds(86_400), retain: Int = 7, key: BackupKey? = nil) {
        self.interval = interval
        self.retain = retain
        self.key = key
    }

    /// Defaults overridden by `TRADEBOT_BACKUP_INTERVAL` (`30s`, `15m`, `1h`, `1d`, or `off`),
    /// `TRADEBOT_BACKUP_RETAIN` (1...10000) and `TRADEBOT_BACKUP_KEY`/`TRADEBOT_BACKUP_KEY_FILE`.
    /// Empty values count as unset.
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        if let text = environment[Variable.interval], !text.isEmpty {
            interval = try Self.interval(text)
        }
        if let text = environment[Variable.retain], !text.isEmpty {
            guard let n = Int(text), (1...10_000).contains(n) else {
                throw .invalidValue(setting: Variable.retain, value: text, reason: "expected a number of backups from 1 to 10000")
            }
            retain = n
        }
        key = try Self.key(environment: environment)
    }

    /// `init(environment:)` over this process's environment.
    public static func fromProcessEnvironment() throws(ConfigurationError) -> BackupConfiguration {
        try BackupConfiguration(environment: ProcessInfo.processInfo.environment)
    }

    /// The backup key from the environment, with errors naming the variable (never the key).
    public static func key(environment: [String: String]) throws(ConfigurationError) -> BackupKey? {
        do throws(StoreError) {
            return try BackupKey.fromEnvironment(environment)
        } catch {
            if let text = environment[Variable.key], !text.isEmpty {
                throw .invalidValue(setting: Variable.key, value: "(hidden)", reason: error.message)
            }
            let path = environment[Variable.keyFile] ?? ""
            throw .invalidValue(setting: Variable.keyFile, value: path, reason: "\(error.path): \(error.message)")
        }
    }

    /// `24h`, `30m`, `45s`, `500ms`: the largest unit that divides the interval exactly.
    public static func describe(_ interval: Duration) -> String {
        let ms = BackupOperations.nanoseconds(interval) / 1_000_000
        for (suffix, factor) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
            where ms >= factor && ms % factor == 0 {
            return "\(ms / factor)\(suffix)"
        }
        return "\(ms)ms"
    }

    /// Parses `off`, `500ms`, `30s`, `15m`, `1h`, `1d` or a bare number of seconds; at least 1 s
    /// (except in milliseconds, which exist for tests) and at most 366 days.
    static func interval(_ text: String) throws(ConfigurationError) -> Duration? {
        if text == "off" || text == "0" { return nil }
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        var milliseconds: Int64?
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            // "ms" also ends in "s": only accept the first unit whose prefix is a plain number.
            if let n = Int64(number), n > 0, n <= 366 * 86_400_000 / factor {
                milliseconds = n * factor
                break
            }
        }
        if milliseconds == nil, let n = Int64(text), n > 0, n <= 366 * 86_400 { milliseconds = n * 1000 }
        guard let milliseconds, milliseconds >= 100 else {
            throw .invalidValue(setting: Variable.interval, value: text,
                                reason: "expected a duration such as 30m, 1h or 1d (at most 366d), or off")
        }
        return .milliseconds(milliseconds)
    }
}
