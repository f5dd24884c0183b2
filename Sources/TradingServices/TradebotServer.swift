#if canImport(Glibc)
import Glibc
#endif
import HTTP2Transport
import NetIO
import Observability
import Persistence
import RPCCore

/// Composes the running server from its configuration: TLS material, health, HTTP endpoints, the
/// RPC router and the HTTP/2 transport. Owns the lifecycle: `start`, then `shutdown` on a signal.
public final class TradebotServer: Sendable {
    public let configuration: ServerConfiguration
    public let version: String
    public let health: HealthRegistry
    public let metrics: MetricsRegistry
    public let certificatePath: String
    public let runtime: ServerRuntime
    private let components: [any ServerComponent]
    /// Startup snapshots while running and at shutdown (see `SnapshotConfiguration`).
    let snapshots: SnapshotScheduler
    /// What the startup recovery did (snapshot used, events replayed).
    let recovery: ServerRecovery.Report
    private let healthz: HealthzEndpoint
    private let transport: HTTP2Server
    private let log: Logger

    /// Prepares the data directory, TLS material and the store, recovers every component's state
    /// (from the newest startup snapshot and the journal after it, see `ServerRecovery`), and
    /// builds the transport; binds nothing yet.
    ///
    /// - Parameter makeComponents: builds the server's parts once the runtime exists; the default
    ///   is the product's set (`TradebotServer.standardComponents`).
    /// - Parameter projections: the read models kept in the store (stateless; the default is the
    ///   product's set, `TradebotServer.standardProjections`).
    /// - Parameter snapshotConfiguration: startup snapshot settings; nil reads them from the
    ///   configuration's settings (`TRADEBOT_SNAPSHOT_*`, see `SnapshotConfiguration`).
    public init(configuration: ServerConfiguration, version: String, log: Logger,
                now: @escaping @Sendable () -> Int64 = TradebotServer.wallClockNanoseconds,
                projections: [any Projection<ServerEvent>] = TradebotServer.standardProjections,
                snapshotConfiguration: SnapshotConfiguration? = nil,
                makeComponents: (ServerRuntime) throws -> [any ServerComponent] = TradebotServer.standardComponents)
        throws(ServerStartError) {
        self.configuration = configuration
        self.version = version
        self.log = log
        try Self.makeDirectory(configuration.dataDirectory)
        let (cert, key) = try Self.tlsMaterial(configuration, log: log)
        certificatePath = cert

        let health = HealthRegistry()
        let metrics = MetricsRegistry()
        let healthz = HealthzEndpoint(version: version)
        self.health = health
        self.metrics = metrics
        self.healthz = healthz

        let store: EventStore<ServerEventCodec>
        let runtime: ServerRuntime
        let components: [any ServerComponent]
        do {
            // The integrity check runs below, alongside recovery (it reads the whole file).
            var storeConfiguration = StoreConfiguration()
            storeConfiguration.quickCheckOnOpen = false
            store = try EventStore(directory: configuration.dataDirectory, codec: ServerEventCodec(),
                                   projections: projections, configuration: storeConfiguration)
        } catch {
            throw .store(reason: "\(error)")
        }
        runtime = ServerRuntime(configuration: configuration, version: version, store: store, log: log,
                                metrics: metrics, health: health, now: now)
        do {
            components = try makeComponents(runtime)
        } catch {
            store.close()
            throw .component(reason: "\(error)")
        }
        let snapshotSettings: SnapshotConfiguration
        do throws(ConfigurationError) {
            if let snapshotConfiguration {
                snapshotSettings = snapshotConfiguration
            } else {
                snapshotSettings = try SnapshotConfiguration(environment: configuration.effectiveSettings)
            }
        } catch {
            store.close()
            throw .component(reason: error.description)
        }
        // `quick_check` on its own connection while the components recover: nothing is served (or
        // appended) before both finished, and a failed check stops the start like before.
        let integrity = BackgroundCheck { () throws(StoreError) in try store.quickCheck() }
        do {
            let report = try ServerRecovery.run(components: components, store: store,
                                                useSnapshot: snapshotSettings.restore, log: log)
            // `events`: the journal events the recovered state covers (snapshot plus replay).
            log.info("recovered state", ["events": "\(store.startupReport.lastSequence)",
                                         "snapshot": report.snapshotSequence.map { "\($0)" } ?? "none",
                                         "sections": report.restored.keys.sorted().joined(separator: ","),
                                         "events_replayed": "\(report.replayed)", "rows_scanned": "\(report.scanned)",
                                         "milliseconds": "\(report.nanoseconds / 1_000_000)",
                                         "database": store.databasePath])
            snapshots = SnapshotScheduler(components: components, store: store, configuration: snapshotSettings,
                                          log: log, restored: report.restored, snapshotSequence: report.snapshotSequence)
            recovery = report
        } catch {
            _ = integrity.wait()
            store.close()
            throw .recovery(reason: "\(error)")
        }
        if let damage = integrity.wait() {
            store.close()
            throw .store(reason: "\(damage)")
        }
        self.runtime = runtime
        self.components = components

        var router = RPCRouter()
        HealthService(registry: health).register(in: &router)
        for component in components { component.register(in: &router) }
        // Validation wraps every route of the API (docs/SECURITY.md, "Request validation").
        router = RequestValidator.standard.applied(to: router)

        let security: SecurityConfiguration
        do {
            security = try SecurityConfiguration(environment: configuration.effectiveSettings)
        } catch {
            store.close()
            throw .component(reason: error.description)
        }
        var transportConfig = HTTP2ServerConfiguration(
            host: configuration.listen.host, port: Int(configuration.listen.port),
            tls: .init(certificateChainFile: cert, privateKeyFile: key, clientCAFile: security.clientCAFile))
        transportConfig.eventLoopCount = configuration.eventLoops
        transportConfig.maxReceiveMessageSize = configuration.maxMessageBytes
        if let probe = configuration.healthListen {
            transportConfig.plaintextListener = .init(host: probe.host, port: Int(probe.port),
                                                      allowedPaths: HealthService.paths.union(["/healthz"]))
        }
        let metricsEndpoint = MetricsEndpoint(registry: metrics)
        var metricsRoute: @Sendable (HTTPRequest) -> HTTPResponse = { metricsEndpoint.respond($0) }
        if security.metricsAuth == .token {
            guard let identity = components.lazy.compactMap({ $0 as? IdentityComponent }).first else {
                store.close()
                throw .component(reason: "\(SecurityConfiguration.Variable.metricsAuth)=token needs the identity component")
            }
            metricsRoute = MetricsAccess(interceptor: identity.interceptor).guarded(metricsRoute)
        }
        do {
            transport = try HTTP2Server(configuration: transportConfig, router: router, getRoutes: [
                "/healthz": { healthz.respond($0) },
                "/metrics": metricsRoute,
            ])
        } catch {
            throw .tls(path: cert, reason: error.description)
        }
        MetricsEndpoint.registerTransport(transport.counters, in: metrics)
        transport.onDrain {
            healthz.beginDraining()
            health.shutDown()
        }
    }

    /// Binds the listeners and starts serving.
    public func start() async throws(ServerStartError) {
        do {
            try await transport.start()
        } catch {
            throw .listen(address: configuration.listen.description, reason: error.description)
        }
        for component in components {
            do {
                try await component.start(runtime)
            } catch {
                await transport.shutdown(gracePeriod: .zero)
                throw .component(reason: "\(error)")
            }
        }
        snapshots.start()
    }

    /// Stores a startup snapshot now (besides the scheduled ones); returns the sequence it
    /// covers, or nil when nothing changed since the last one.
    @discardableResult
    public func takeSnapshot() async throws -> Int64? { try await snapshots.take() }

    /// The bound TLS port (useful with port 0).
    public var port: Int { transport.port }
    public var plaintextHealthPort: Int? { transport.plaintextPort }

    /// Graceful stop: health NOT_SERVING and `/healthz` draining, GOAWAY, in-flight RPCs get the
    /// configured grace period, then connections close.
    public func shutdown() async {
        await transport.shutdown(gracePeriod: .milliseconds(configuration.shutdownGraceMilliseconds))
        // While the components still run, so the shutdown snapshot sees their final state.
        await snapshots.stop()
        for component in components.reversed() { await component.shutdown() }
        runtime.store.close()
    }

    /// The product's components, in start order.
    public static func standardComponents(_ runtime: ServerRuntime) throws -> [any ServerComponent] {
        let settings = runtime.configuration.effectiveSettings
        let trading = TradingComponent(runtime: runtime, settings: try TradingSettings.fromConfiguration(runtime))
        return [try IdentityComponent(runtime: runtime, options: try .init(environment: settings)),
                trading,
                BackupComponent(runtime: runtime, configuration: try .init(environment: settings)),
                try ConfigComponent(runtime: runtime, live: trading.liveConfigActions)]
    }

    /// The product's read models.
    public static var standardProjections: [any Projection<ServerEvent>] {
        [UsersProjection(), ApiTokensProjection(), ConfigVersionsProjection(), BackupsProjection()] + TradingProjections.all
    }

    /// Wall-clock nanoseconds since the Unix epoch.
    public static func wallClockNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    static func makeDirectory(_ path: String) throws(ServerStartError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") where !component.isEmpty {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw .dataDirectory(path: path, reason: String(cString: strerror(errno)))
            }
        }
        if access(path, W_OK | X_OK) != 0 {
            throw .dataDirectory(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// The configured certificate and key, or the development pair in `<data>/tls/`, generated on
    /// first start and reused afterwards.
    static func tlsMaterial(_ config: ServerConfiguration, log: Logger) throws(ServerStartError) -> (String, String) {
        if let cert = config.tlsCertificatePath, let key = config.tlsKeyPath {
            for (setting, path) in [(ServerConfiguration.Variable.tlsCertificate, cert),
                                    (ServerConfiguration.Variable.tlsKey, key)] where access(path, R_OK) != 0 {
                throw .missingFile(setting: setting, path: path)
            }
            return (cert, key)
        }
        let cert = config.developmentCertificatePath, key = config.developmentKeyPath
        let haveCert = access(cert, R_OK) == 0, haveKey = access(key, R_OK) == 0
        if haveCert && haveKey { return (cert, key) }
        if haveCert != haveKey {
            throw .tls(path: haveCert ? key : cert,
                       reason: "the development certificate and key must both exist; remove the other to regenerate")
        }
        do {
            try SelfSignedCertificate.generate(commonName: "localhost").write(certificateTo: cert, privateKeyTo: key)
        } catch {
            throw .tls(path: cert, reason: "cannot create the development certificate: \(error)")
        }
        log.info("generated a self-signed development certificate", ["certificate": cert, "key": key])
        return (cert, key)
    }
}
