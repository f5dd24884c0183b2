import RPCCore
import TradingProtocol

/// `grpc.health.v1.Health`: `Check` answers on the event-loop thread from the registry (no task hop,
/// so load-balancer probes stay cheap); `Watch` streams the current status and every change.
public struct HealthService: Sendable {
    public let registry: HealthRegistry

    public init(registry: HealthRegistry) {
        self.registry = registry
    }

    typealias Request = GRPCHealthV1.HealthCheckRequest
    typealias Response = GRPCHealthV1.HealthCheckResponse

    public static let check = MethodDescriptor(service: GRPCHealthV1.Health.serviceName, method: "Check", kind: .unary)
    public static let watch = MethodDescriptor(service: GRPCHealthV1.Health.serviceName, method: "Watch",
                                               kind: .serverStreaming)

    /// Paths the plaintext probe listener may serve.
    public static let paths: Set<String> = [check.fullPath, watch.fullPath]

    public func register(in router: inout RPCRouter) {
        let registry = self.registry
        router.registerInlineUnary(Self.check, request: Request.self, response: Response.self) {
            (request, _) throws(RPCError) -> Response in
            guard let status = registry.status(of: request.service) else {
                throw RPCError(code: .notFound, message: "unknown service '\(request.service)'")
            }
            return Response(status: Self.wire(status))
        }
        router.registerServerStreaming(Self.watch, request: Request.self, response: Response.self) {
            request, context, writer in
            for await status in registry.watch(request.service) {
                if context.isCancelled { return }
                try await writer.write(Response(status: Self.wire(status)))
            }
        }
    }

    static func wire(_ status: HealthRegistry.ServingStatus) -> Response.ServingStatus {
        switch status {
        case .unknown: .unknown
        case .serving: .serving
        case .notServing: .notServing
        case .serviceUnknown: .serviceUnknown
        }
    }
}
