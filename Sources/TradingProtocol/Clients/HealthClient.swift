import RPCCore
import WireFormat

extension GRPCHealthV1.Health {
    /// Typed calls to the standard `grpc.health.v1.Health` service.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func check(_ request: GRPCHealthV1.HealthCheckRequest = .init(), options: CallOptions = CallOptions()) async throws(RPCError) -> GRPCHealthV1.HealthCheckResponse {
            try await rpc.call(GRPCHealthV1.Health.check, request, options: options)
        }
        public func watch(_ request: GRPCHealthV1.HealthCheckRequest = .init(), options: CallOptions = CallOptions()) -> TypedResponseStream<GRPCHealthV1.HealthCheckResponse> {
            rpc.stream(GRPCHealthV1.Health.watch, request, options: options)
        }
    }
}
