/// The keys a configuration document may hold: each is one environment variable of the stable
/// interface (docs/RUNBOOK.md), so the file, the environment and `UpdateConfig` share one set of
/// parsers and one set of limits.
///
/// Secrets are not keys: passwords, backup and signing keys come only from the environment or
/// from key files named there. The data directory is not a key either: it holds the journal that
/// versions the configuration, so it comes from `--data-dir` or `TRADEBOT_DATA_DIR`.
public enum ConfigSchema {
    /// The JSON type a key takes; `null` (or leaving the key out) means "use the default".
    public enum Kind: Sendable, Equatable {
        case string
        case integer
        case number
    }

    /// One setting.
    public struct Key: Sendable {
        /// Dotted path in the document, e.g. `market.replay_speed`.
        public let path: String
        /// The environment variable that overrides it.
        public let variable: String
        public let kind: Kind
        /// The value when neither the document nor the environment sets it (`.null`: off / built in).
        public let defaultValue: ConfigValue
        /// Applied to the running server by `UpdateConfig`; the others take effect at the next start.
        public let live: Bool
    }

    public static let keys: [Key] = [
        Key(path: "server.listen", variable: ServerConfiguration.Variable.listen, kind: .string,
            defaultValue: .string("127.0.0.1:50051"), live: false),
        Key(path: "server.health_listen", variable: ServerConfiguration.Variable.healthListen, kind: .string,
            defaultValue: .null, live: false),
        Key(path: "server.tls_cert_file", variable: ServerConfiguration.Variable.tlsCertificate, kind: .string,
            defaultValue: .null, live: false),
        Key(path: "server.tls_key_file", variable: ServerConfiguration.Variable.tlsKey, kind: .string,
            defaultValue: .null, live: false),
        Key(path: "server.tls_client_ca_file", variable: SecurityConfiguration.Variable.clientCA, kind: .string,
            defaultValue: .null, live: false),
        Key(path: "server.event_loops", variable: ServerConfiguration.Variable.eventLoops, kind: .integer,
            defaultValue: .null, live: false),
        Key(path: "server.max_message_bytes", variable: ServerConfiguration.Variable.maxMessageBytes, kind: .integer,
            defaultValue: .integer(4 * 1024 * 1024), live: false),
        Key(path: "server.shutdown_grace", variable: ServerConfiguration.Variable.shutdownGrace, kind: .string,
            defaultValue: .string("10s"), live: false),
        Key(path: "server.metrics_auth", variable: SecurityConfiguration.Variable.metricsAuth, kind: .string,
            defaultValue: .string("none"), live: false),
        Key(path: "server.sequencer_priority", variable: SequencerPriority.variable, kind: .string,
            defaultValue: .string(SequencerPriority.standard.description), live: false),
        Key(path: "market.feed_file", variable: ServerConfiguration.Variable.feedFile, kind: .string,
            defaultValue: .null, live: false),
        Key(path: "market.replay_speed", variable: ServerConfiguration.Variable.replaySpeed, kind: .number,
            defaultValue: .number(20), live: true),
        Key(path: "strategy.name", variable: ServerConfiguration.Variable.strategy, kind: .string,
            defaultValue: .string("sma"), live: true),
        Key(path: "backup.interval", variable: BackupConfiguration.Variable.interval, kind: .string,
            defaultValue: .string("1d"), live: false),
        Key(path: "backup.retain", variable: BackupConfiguration.Variable.retain, kind: .integer,
            defaultValue: .integer(7), live: false),
        Key(path: "snapshot.every_events", variable: SnapshotConfiguration.Variable.everyEvents, kind: .integer,
            defaultValue: .integer(100_000), live: false),
        Key(path: "snapshot.interval", variable: SnapshotConfiguration.Variable.interval, kind: .string,
            defaultValue: .string("10m"), live: false),
        Key(path: "snapshot.on_shutdown", variable: SnapshotConfiguration.Variable.onShutdown, kind: .string,
            defaultValue: .string("on"), live: false),
        Key(path: "snapshot.restore", variable: SnapshotConfiguration.Variable.restore, kind: .string,
            defaultValue: .string("on"), live: false),
        Key(path: "auth.login_rate_limit", variable: IdentityComponent.loginRateLimitVariable, kind: .string,
            defaultValue: .string("10/0.5"), live: false),
        Key(path: "auth.rpc_rate_limits", variable: IdentityComponent.rpcRateLimitsVariable, kind: .string,
            defaultValue: .null, live: false),
    ]

    /// Keys by dotted path.
    public static let byPath: [String: Key] = Dictionary(uniqueKeysWithValues: keys.map { ($0.path, $0) })
    /// Keys by environment variable.
    public static let byVariable: [String: Key] = Dictionary(uniqueKeysWithValues: keys.map { ($0.variable, $0) })
    /// Top-level sections (`server`, `market`, ...).
    static let sections: Set<String> = Set(keys.map { String($0.path.split(separator: ".")[0]) })

    /// Key names that look like they hold a credential. Such a key is refused with a message that
    /// says where secrets go, instead of the generic "unknown key".
    public static func looksSecret(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["password", "passwd", "secret", "token", "credential", "private", "api_key", "apikey"]
            .contains { n.contains($0) } || n == "key" || n.hasSuffix("_key") || n.hasSuffix("-key")
    }

    /// Values that are credentials whatever their key (a PEM private key pasted into the file).
    static func looksLikeSecretValue(_ text: String) -> Bool {
        text.contains("PRIVATE KEY-----")
    }

    /// Environment variables that hold secrets, named in the refusal message.
    static let secretVariables = ["TRADEBOT_ADMIN_PASSWORD", BackupConfiguration.Variable.key,
                                  BackupConfiguration.Variable.keyFile]
}
