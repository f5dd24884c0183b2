import TradingProtocol
import WireFormat

extension Golden {
    static let componentHealth = V1.ComponentHealth {
        $0.name = "name"; $0.state = .down; $0.detail = "detail"; $0.since = ts
    }
    static let slaMetric = V1.SlaMetric {
        $0.name = "name"; $0.value = 2.25; $0.target = 3.25; $0.unit = "unit"; $0.met = true
    }

    static let system: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.ComponentHealth", componentHealth),
        ("tradebot.v1.SlaMetric", slaMetric),
        ("tradebot.v1.GetStatusRequest", V1.GetStatusRequest()),
        ("tradebot.v1.GetStatusResponse", V1.GetStatusResponse {
            $0.version = "version"; $0.startedAt = ts; $0.uptimeSeconds = 3_000_000_021; $0.mode = .replay
            $0.tradingState = .halted; $0.components = [componentHealth, componentHealth]
            $0.sla = [slaMetric, slaMetric]; $0.now = ts
        }),
    ]

    static let health: [(name: String, message: any ProtoMessage)] = [
        ("grpc.health.v1.HealthCheckRequest", GRPCHealthV1.HealthCheckRequest(service: "service")),
        ("grpc.health.v1.HealthCheckResponse", GRPCHealthV1.HealthCheckResponse(status: .serviceUnknown)),
    ]
}
