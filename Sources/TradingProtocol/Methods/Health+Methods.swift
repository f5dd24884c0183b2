import WireFormat

extension GRPCHealthV1 {
    /// The standard `grpc.health.v1.Health` service; no token needed.
    public enum Health {
        public static let serviceName = "grpc.health.v1.Health"
        public static let check = RPCMethod<HealthCheckRequest, HealthCheckResponse>(
            service: serviceName, method: "Check", kind: .unary, access: .anonymous)
        public static let watch = RPCMethod<HealthCheckRequest, HealthCheckResponse>(
            service: serviceName, method: "Watch", kind: .serverStreaming, access: .anonymous)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [check.descriptor, watch.descriptor]
    }
}
