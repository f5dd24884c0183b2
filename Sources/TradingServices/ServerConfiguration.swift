import Foundation

/// Everything `tradebotd serve` needs to start, with embedded defaults so that no configuration at all
/// gives a working development server.
///
/// Precedence: explicit values (command-line flags) over environment variables over the
/// configuration file (`load(environment:configFile:)`, keys in `ConfigSchema`) over defaults.
/// The environment variable names are a stable interface for scripts, containers and tests.
public struct ServerConfiguration: Sendable, Equatable {
    /// Root of all state: database, TLS material, backups. Default `./var`.
    public var dataDirectory: String = "var"
    /// The TLS (gRPC + HTTP/2) listener. Default `127.0.0.1:50051`.
    public var listen = ListenAddress(host: "127.0.0.1", port: 50051)
    /// Optional plaintext h2c listener serving only health (for Kubernetes' gRPC probes). Off by default.
    public var healthListen: ListenAddress?
    /// Certificate chain and key; when both are nil a self-signed development pair in the data directory is used.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// Event-loop threads; default one per core.
    public var eventLoops: Int?
    /// Largest accepted request message (gRPC default 4 MiB).
    public var maxMessageBytes: Int = 4 * 1024 * 1024
    /// How long in-flight RPCs may run after SIGTERM/SIGINT before connections are closed.
    public var shutdownGraceMilliseconds: Int = 10_000
    /// Bar CSV replayed as the live market feed; nil uses the EURUSD.csv shipped with the server.
    public var feedFile: String?
    /// Feed speed in bars per second (0 turns the feed off).
    public var replayBarsPerSecond: Double = 20
    /// The hosted strategy: `sma` (SMA 10/30 crossover on the feed's instrument) or `none`.
    public var strategy: String = "sma"
    /// The configuration file the server started from (nil: none). `Admin.UpdateConfig` saves
    /// accepted documents there, or to `<data>/config.json` when nil.
    public var configFile: String?
    /// The effective settings, keyed by environment variable: the file's values overridden by the
    /// environment. Nil (direct construction, tests): the process environment.
    public var settings: [String: String]?
    /// The environment (and flags) that override the file, kept so `UpdateConfig` overlays a new
    /// document the same way. Nil: the process environment.
    public var overrides: [String: String]?

    public init() {}

    /// What the components read their own settings from (security, backups, rate limits).
    public var effectiveSettings: [String: String] { settings ?? ProcessInfo.processInfo.environment }

    /// Where `UpdateConfig` saves documents: the file the server started from, else `<data>/config.json`.
    public var configFileForUpdates: String { configFile ?? dataDirectory + "/" + Self.defaultConfigFileName }

    /// The file read at start when neither `--config` nor `TRADEBOT_CONFIG` names one, if it exists.
    public static let defaultConfigFileName = "config.json"

    /// Reads the configuration file (`configFile`, else `TRADEBOT_CONFIG`, else `<data>/config.json`
    /// if present), checks it (`ConfigDocument`), overlays `environment` and checks the result with
    /// every component's parser. Errors name the file and the key path, or the variable.
    public static func load(environment: [String: String], configFile: String? = nil) throws(ConfigurationError)
        -> ServerConfiguration {
        var file = configFile ?? environment[Variable.config].flatMap { $0.isEmpty ? nil : $0 }
        if file == nil {
            let data = environment[Variable.dataDirectory].flatMap { $0.isEmpty ? nil : $0 } ?? ServerConfiguration().dataDirectory
            let candidate = data + "/" + defaultConfigFileName
            if FileManager.default.fileExists(atPath: candidate) { file = candidate }
        }
        var document = ConfigDocument()
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .missingFile(setting: configFile != nil ? "--config" : Variable.config, path: file)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .invalidDocument(source: file, keyPath: "", reason: "not UTF-8 text")
            }
            document = try ConfigDocument.parse(text, source: file)
        }
        let merged = document.merged(with: environment)
        var config = try document.validate(merged, environment: environment, source: file ?? "")
        config.configFile = file
        config.settings = merged
        config.overrides = environment
        return config
    }

    /// The stable environment interface.
    public enum Variable {
        public static let dataDirectory = "TRADEBOT_DATA_DIR"
        public static let listen = "TRADEBOT_LISTEN"
        public static let healthListen = "TRADEBOT_HEALTH_LISTEN"
        public static let tlsCertificate = "TRADEBOT_TLS_CERT"
        public static let tlsKey = "TRADEBOT_TLS_KEY"
        public static let eventLoops = "TRADEBOT_EVENT_LOOPS"
        public static let maxMessageBytes = "TRADEBOT_MAX_MESSAGE_BYTES"
        public static let shutdownGrace = "TRADEBOT_SHUTDOWN_GRACE"
        public static let feedFile = "TRADEBOT_FEED_FILE"
        public static let replaySpeed = "TRADEBOT_REPLAY_SPEED"
        public static let strategy = "TRADEBOT_STRATEGY"
        /// The configuration file (same as `tradebotd serve --config`).
        public static let config = "TRADEBOT_CONFIG"
    }

    /// Defaults overridden by the environment. Empty values count as unset.
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        func value(_ name: String) -> String? {
            guard let v = environment[name], !v.isEmpty else { return nil }
            return v
        }
        if let v = value(Variable.dataDirectory) { dataDirectory = v }
        if let v = value(Variable.listen) { listen = try Self.address(v, setting: Variable.listen) }
        if let v = value(Variable.healthListen) { healthListen = try Self.address(v, setting: Variable.healthListen) }
        tlsCertificatePath = value(Variable.tlsCertificate)
        tlsKeyPath = value(Variable.tlsKey)
        if let v = value(Variable.eventLoops) {
            guard let n = Int(v), (1...256).contains(n) else {
                throw .invalidValue(setting: Variable.eventLoops, value: v, reason: "expected a number from 1 to 256")
            }
            eventLoops = n
        }
        if let v = value(Variable.maxMessageBytes) {
            guard let n = Int(v), (1024...(256 * 1024 * 1024)).contains(n) else {
                throw .invalidValue(setting: Variable.maxMessageBytes, value: v,
                                    reason: "expected a byte count from 1024 to 268435456")
            }
            maxMessageBytes = n
        }
        if let v = value(Variable.shutdownGrace) {
            shutdownGraceMilliseconds = try Self.milliseconds(v, setting: Variable.shutdownGrace)
        }
        feedFile = value(Variable.feedFile)
        if let v = value(Variable.replaySpeed) {
            guard let n = Double(v), n.isFinite, n >= 0, n <= 100_000 else {
                throw .invalidValue(setting: Variable.replaySpeed, value: v,
                                    reason: "expected bars per second from 0 (feed off) to 100000")
            }
            replayBarsPerSecond = n
        }
        if let v = value(Variable.strategy) { strategy = v }
        try validate()
    }

    /// Checks combinations that single values cannot: cert and key come as a pair.
    public func validate() throws(ConfigurationError) {
        guard ["sma", "none"].contains(strategy) else {
            throw .invalidValue(setting: Variable.strategy, value: strategy, reason: "expected sma or none")
        }
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            throw .invalidValue(setting: "\(Variable.tlsCertificate)/\(Variable.tlsKey)",
                                value: tlsCertificatePath ?? tlsKeyPath ?? "",
                                reason: "set both the certificate and the key, or neither")
        }
    }

    /// `<data>/tls/cert.pem` and `key.pem`: where the development certificate lives.
    public var developmentCertificatePath: String { dataDirectory + "/tls/cert.pem" }
    public var developmentKeyPath: String { dataDirectory + "/tls/key.pem" }

    static func address(_ text: String, setting: String) throws(ConfigurationError) -> ListenAddress {
        do {
            return try ListenAddress(parsing: text)
        } catch {
            if case let .invalidValue(_, value, reason) = error {
                throw .invalidValue(setting: setting, value: value, reason: reason)
            }
            throw error
        }
    }

    /// Parses `250ms`, `5s`, `2m` or a bare number of seconds.
    static func milliseconds(_ text: String, setting: String) throws(ConfigurationError) -> Int {
        let units: [(String, Int)] = [("ms", 1), ("s", 1000), ("m", 60_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let n = Int(text.dropLast(suffix.count)), n >= 0, n <= 3_600_000 / factor { return n * factor }
            throw .invalidValue(setting: setting, value: text, reason: "expected a duration such as 500ms, 10s or 2m")
        }
        if let n = Int(text), n >= 0, n <= 3600 { return n * 1000 }
        throw .invalidValue(setting: setting, value: text, reason: "expected a duration such as 500ms, 10s or 2m")
    }
}
