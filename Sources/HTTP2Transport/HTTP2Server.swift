import NetIO
import RPCCore
import Synchronization

/// The gRPC + HTTP/2 server: TLS 1.3 listener (one SO_REUSEPORT socket per event loop), an
/// optional plaintext h2c listener restricted to health routes, the RPC router and GET routes.
///
/// Lifecycle: `init` (validates the certificate and key) → `start()` → `port` →
/// `shutdown(gracePeriod:)`. Thread-safe.
public final class HTTP2Server: Sendable {
    public let configuration: HTTP2ServerConfiguration
    /// Bad-input and traffic counters for the metrics layer.
    public let counters: TransportCounters
    private let core: ServerCore
    private let tls: TLSContext?

    private struct Running {
        var group: EventLoopGroup
        var registries: [LoopBound<SessionRegistry>]
        var listeners: [ServerListener]
        var port: Int
        var plaintextPort: Int?
    }
    private let running = Locked<Running?>(nil)
    private let drainHooks = Locked<[@Sendable () -> Void]>([])

    /// - Parameters:
    ///   - router: RPC methods and interceptors.
    ///   - getRoutes: plain HTTP/2 GET handlers by exact path (e.g. `/healthz`, `/metrics`).
    public init(configuration: HTTP2ServerConfiguration, router: RPCRouter,
                getRoutes: [String: HTTPGetHandler] = [:]) throws(NetIOError) {
        self.configuration = configuration
        let counters = TransportCounters()
        self.counters = counters
        core = ServerCore(configuration: configuration, router: router, getRoutes: getRoutes, counters: counters)
        if let t = configuration.tls {
            tls = try TLSContext.server(certificateChainFile: t.certificateChainFile, privateKeyFile: t.privateKeyFile,
                                        clientCAFile: t.clientCAFile, counters: counters.net)
        } else {
            tls = nil
        }
    }

    /// Starts the event loops and listeners. Throws if a port cannot be bound.
    public func start() async throws(NetIOError) {
        let group = try EventLoopGroup(loopCount: configuration.eventLoopCount)
        let registries = group.loops.map { _ in LoopBound(SessionRegistry()) }
        let core = self.core
        func initializer(restricted: Set<String>?) -> @Sendable (Connection) -> Void {
            { connection in
                let registry = registries[connection.loop.index].value
                connection.handler = ServerSession(core: core, registry: registry, allowedPaths: restricted)
            }
        }
        do throws(NetIOError) {
            let main = try await ServerListener.start(
                host: configuration.host, port: configuration.port, group: group, tls: tls,
                backlog: configuration.backlog, handshakeTimeout: configuration.handshakeTimeout,
                counters: counters.net, initializer: initializer(restricted: nil))
            var listeners = [main]
            var plaintextPort: Int?
            if let p = configuration.plaintextListener {
                do throws(NetIOError) {
                    let health = try await ServerListener.start(
                        host: p.host, port: p.port, group: group, tls: nil, backlog: configuration.backlog,
                        handshakeTimeout: configuration.handshakeTimeout, counters: counters.net,
                        initializer: initializer(restricted: p.allowedPaths))
                    listeners.append(health)
                    plaintextPort = health.port
                } catch {
                    await main.close()
                    throw error
                }
            }
            running.withLock {
                $0 = Running(group: group, registries: registries, listeners: listeners, port: main.port,
                             plaintextPort: plaintextPort)
            }
        } catch {
            await group.shutdown()
            throw error
        }
    }

    /// The bound TLS (main) port; 0 before `start`.
    public var port: Int { running.withLock { $0?.port ?? 0 } }

    /// The bound plaintext health port, if that listener is configured.
    public var plaintextPort: Int? { running.withLock { $0?.plaintextPort } }

    /// True once shutdown began (health should report NOT_SERVING, `/healthz` 503 "draining").
    public var isDraining: Bool { core.draining.load(ordering: .relaxed) }

    /// Registers a hook run first thing in `shutdown`, before any GOAWAY is sent: the composer
    /// flips health to NOT_SERVING and `/healthz` to draining here.
    public func onDrain(_ hook: @escaping @Sendable () -> Void) {
        drainHooks.withLock { $0.append(hook) }
    }

    /// Graceful shutdown: drain hooks, stop accepting, GOAWAY (notice, then final), let in-flight
    /// calls finish for up to `gracePeriod`, then cancel the rest, close, and stop the loops.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        guard let r = running.withLock({ s -> Running? in defer { s = nil }; return s }) else { return }
        core.draining.store(true, ordering: .relaxed)
        for hook in drainHooks.withLock({ $0 }) { hook() }
        for l in r.listeners { await l.close() }
        for (loop, registry) in zip(r.group.loops, r.registries) {
            await loop.submit { for s in registry.value.sessions.values { s.beginShutdown() } }
        }
        let drained = await core.waitForAllSessionsClosed(timeout: gracePeriod)
        if !drained {
            for (loop, registry) in zip(r.group.loops, r.registries) {
                await loop.submit { for s in Array(registry.value.sessions.values) { s.forceClose() } }
            }
        }
        await r.group.shutdown()
    }
}
