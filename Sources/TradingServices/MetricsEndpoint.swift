import HTTP2Transport
import Observability

/// `GET /metrics`: the process's metrics registry in the Prometheus text format 0.0.4.
public struct MetricsEndpoint: Sendable {
    public let registry: MetricsRegistry

    public init(registry: MetricsRegistry) {
        self.registry = registry
    }

    public func respond(_ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                     text: registry.renderPrometheus())
    }

    /// Exposes the transport's counters (connections, handshakes, protocol errors, RPC outcomes),
    /// read at scrape time so the event loops never update two places.
    public static func registerTransport(_ counters: TransportCounters, in registry: MetricsRegistry) {
        registry.collect("tradebot_transport_connections_open", help: "Open client connections.", type: .gauge) {
            [.init(value: Double(counters.net.open.load(ordering: .relaxed)))]
        }
        registry.collect("tradebot_transport_events_total",
                         help: "Transport events by kind: accepted connections, handshake failures, protocol errors, RPC outcomes.",
                         type: .counter) {
            counters.snapshot()
                .filter { $0.key != "connections_open" }
                .sorted { $0.key < $1.key }
                .map { .init(labels: [("event", $0.key)], value: Double($0.value)) }
        }
    }
}
