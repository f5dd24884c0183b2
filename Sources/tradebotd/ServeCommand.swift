import ArgumentParser
import Foundation
import Observability
import TradingServices

/// Runs the server (the default subcommand). With no flags and no environment it serves on the
/// embedded defaults: data in ./var, a self-signed development certificate, 127.0.0.1:50051.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server (the default).",
        discussion: """
        Flags override environment variables, which override the configuration file, which \
        overrides the defaults. The file is --config, else TRADEBOT_CONFIG, else <data>/config.json \
        if it exists: JSON, keys listed in docs/RUNBOOK.md ("Configuration file"); it is checked at \
        start and every error names the file and the key. Secrets only come from the environment. \
        Variables: TRADEBOT_DATA_DIR, TRADEBOT_LISTEN, TRADEBOT_HEALTH_LISTEN, TRADEBOT_TLS_CERT, \
        TRADEBOT_TLS_KEY, TRADEBOT_EVENT_LOOPS, TRADEBOT_MAX_MESSAGE_BYTES, TRADEBOT_SHUTDOWN_GRACE, \
        TRADEBOT_FEED_FILE, TRADEBOT_REPLAY_SPEED, TRADEBOT_STRATEGY and the others in docs/RUNBOOK.md.
        """)

    @Option(help: ArgumentHelp("Configuration file (JSON); overrides TRADEBOT_CONFIG.", valueName: "file"),
            completion: .file(extensions: ["json"]))
    var config: String?

    @Option(help: ArgumentHelp("Data directory (default ./var).", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("TLS listen address (default 127.0.0.1:50051).", valueName: "host:port"))
    var listen: String?

    @Option(help: ArgumentHelp("Plaintext h2c listener for health probes only (default off).", valueName: "host:port"))
    var healthListen: String?

    @Option(help: ArgumentHelp("Certificate chain (PEM); requires --tls-key.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("Private key (PEM); requires --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Network event-loop threads (default: one per core).", valueName: "n"))
    var eventLoops: Int?

    @Option(help: ArgumentHelp("Grace period for in-flight RPCs on shutdown, e.g. 10s.", valueName: "duration"))
    var shutdownGrace: String?

    func run() async throws {
        let log = Logger(label: "tradebotd", redact: LogRedaction.redact)
        var environment = ProcessInfo.processInfo.environment
        let flags: [(String?, String)] = [
            (dataDir, ServerConfiguration.Variable.dataDirectory),
            (listen, ServerConfiguration.Variable.listen),
            (healthListen, ServerConfiguration.Variable.healthListen),
            (tlsCert, ServerConfiguration.Variable.tlsCertificate),
            (tlsKey, ServerConfiguration.Variable.tlsKey),
            (eventLoops.map(String.init), ServerConfiguration.Variable.eventLoops),
            (shutdownGrace, ServerConfiguration.Variable.shutdownGrace),
        ]
        for case let (value?, name) in flags { environment[name] = value }

        let signals: SignalWaiter
        do {
            signals = try SignalWaiter()
        } catch {
            log.error("\(error)")
            throw ExitCode(2)
        }
        let config: ServerConfiguration
        let server: TradebotServer
        do {
            config = try ServerConfiguration.load(environment: environment, configFile: self.config)
            server = try TradebotServer(configuration: config, version: BuildInfo.version, log: log)
            try await server.start()
        } catch {
            log.error("cannot start: \(error)")
            throw ExitCode(2)
        }
        let listenAddress = ListenAddress(host: config.listen.host, port: UInt16(server.port)).description
        var line = "tradebotd \(BuildInfo.version) listening on \(listenAddress) (TLS 1.3, h2); certificate \(server.certificatePath)"
        if let probe = config.healthListen, let port = server.plaintextHealthPort {
            line += "; plaintext health on \(ListenAddress(host: probe.host, port: UInt16(port)))"
        }
        log.info(line)

        let signal = await signals.next()
        log.info("shutdown requested", ["signal": signal == SIGINT ? "SIGINT" : "SIGTERM",
                                        "grace": "\(config.shutdownGraceMilliseconds)ms"])
        await server.shutdown()
        log.info("shutdown complete")
    }
}
