import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.System` service: version, uptime, component health, measured SLAs.
    public enum System {
        public static let serviceName = "tradebot.v1.System"
        public static let getStatus = RPCMethod<GetStatusRequest, GetStatusResponse>(
            service: serviceName, method: "GetStatus", kind: .unary, access: .observer)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [getStatus.descriptor]
    }
}
