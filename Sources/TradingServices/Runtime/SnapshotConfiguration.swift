import Foundation

/// When the server stores startup snapshots (see `SnapshotScheduler`).
///
/// A snapshot bounds restart time: a restart replays only the journal events after it. Taking one
/// costs a copy of the engine state on the sequencer thread (milliseconds for 100,000 orders) plus
/// encoding and one write on a background thread, so the defaults favour frequent ones.
public struct SnapshotConfiguration: Sendable, Equatable {
    /// Snapshot after this many journal events since the last one; nil disables the trigger.
    public var everyEvents: Int64?
    /// Snapshot when this much time passed since the last one and events were appended; nil disables.
    public var interval: Duration?
    /// Snapshot once more at a clean shutdown (the next start then replays almost nothing).
    public var onShutdown: Bool
    /// Restore from the newest snapshot at start (default). Off replays the whole journal: for
    /// diagnosis (comparing a snapshot restore with a full replay) and benchmarks.
    public var restore: Bool

    /// The stable environment interface.
    public enum Variable {
        public static let everyEvents = "TRADEBOT_SNAPSHOT_EVERY_EVENTS"
        public static let interval = "TRADEBOT_SNAPSHOT_INTERVAL"
        public static let onShutdown = "TRADEBOT_SNAPSHOT_ON_SHUTDOWN"
        public static let restore = "TRADEBOT_SNAPSHOT_RESTORE"
    }

    /// Defaults: every 100,000 events or 10 minutes, and at shutdown.
    public init(everyEvents: Int64? = 100_000, interval: Duration? = .seconds(600), onShutdown: Bool = true,
                restore: Bool = true) {
        self.everyEvents = everyEvents
        self.interval = interval
        self.onShutdown = onShutdown
        self.restore = restore
    }

    /// Defaults overridden by `TRADEBOT_SNAPSHOT_EVERY_EVENTS` (1000...1000000000, or `off`),
    /// `TRADEBOT_SNAPSHOT_INTERVAL` (`30s`, `15m`, `1h`, or `off`), `TRADEBOT_SNAPSHOT_ON_SHUTDOWN`
    /// and `TRADEBOT_SNAPSHOT_RESTORE` (`on` or `off`). With both triggers `off` only the shutdown
    /// snapshot is taken. Empty values count as unset.
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        if let text = environment[Variable.everyEvents], !text.isEmpty {
            if text == "off" || text == "0" {
                everyEvents = nil
            } else {
                guard let n = Int64(text), (1_000...1_000_000_000).contains(n) else {
                    throw .invalidValue(setting: Variable.everyEvents, value: text,
                                        reason: "expected a number of events from 1000 to 1000000000, or off")
                }
                everyEvents = n
            }
        }
        if let text = environment[Variable.interval], !text.isEmpty {
            do throws(ConfigurationError) {
                interval = try BackupConfiguration.interval(text)
            } catch {
                throw .invalidValue(setting: Variable.interval, value: text,
                                    reason: "expected a duration such as 30s, 10m or 1h, or off")
            }
        }
        onShutdown = try Self.flag(environment, Variable.onShutdown, default: true)
        restore = try Self.flag(environment, Variable.restore, default: true)
    }

    private static func flag(_ environment: [String: String], _ name: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let text = environment[name], !text.isEmpty else { return value }
        switch text {
        case "on", "1", "true": return true
        case "off", "0", "false": return false
        default: throw .invalidValue(setting: name, value: text, reason: "expected on or off")
        }
    }

    /// `init(environment:)` over this process's environment.
    public static func fromProcessEnvironment() throws(ConfigurationError) -> SnapshotConfiguration {
        try SnapshotConfiguration(environment: ProcessInfo.processInfo.environment)
    }
}
