import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.Strategies` service: strategies and external signals.
    public enum Strategies {
        public static let serviceName = "tradebot.v1.Strategies"
        public static let listStrategies = RPCMethod<ListStrategiesRequest, ListStrategiesResponse>(
            service: serviceName, method: "ListStrategies", kind: .unary, access: .observer)
        public static let startStrategy = RPCMethod<StartStrategyRequest, StartStrategyResponse>(
            service: serviceName, method: "StartStrategy", kind: .unary, access: .trader)
        public static let stopStrategy = RPCMethod<StopStrategyRequest, StopStrategyResponse>(
            service: serviceName, method: "StopStrategy", kind: .unary, access: .trader)
        public static let submitSignal = RPCMethod<SubmitSignalRequest, SubmitSignalResponse>(
            service: serviceName, method: "SubmitSignal", kind: .unary, access: .trader)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [
            listStrategies.descriptor, startStrategy.descriptor, stopStrategy.descriptor, submitSignal.descriptor,
        ]
    }
}
