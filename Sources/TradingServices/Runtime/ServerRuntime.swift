import Observability
import Persistence

/// What every component shares once the server is assembled: configuration, the store, logging,
/// metrics and health. Created by `TradebotServer`; components keep a reference.
public final class ServerRuntime: Sendable {
    public let configuration: ServerConfiguration
    public let version: String
    public let store: EventStore<ServerEventCodec>
    public let log: Logger
    public let metrics: MetricsRegistry
    public let health: HealthRegistry
    /// Wall-clock nanoseconds since the Unix epoch (injectable for tests).
    public let now: @Sendable () -> Int64

    public init(configuration: ServerConfiguration, version: String, store: EventStore<ServerEventCodec>,
                log: Logger, metrics: MetricsRegistry, health: HealthRegistry, now: @escaping @Sendable () -> Int64) {
        self.configuration = configuration
        self.version = version
        self.store = store
        self.log = log
        self.metrics = metrics
        self.health = health
        self.now = now
    }
}
