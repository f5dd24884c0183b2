import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.Risk` service: limits, trading state, kill switch, risk events.
    public enum Risk {
        public static let serviceName = "tradebot.v1.Risk"
        public static let getRiskLimits = RPCMethod<GetRiskLimitsRequest, GetRiskLimitsResponse>(
            service: serviceName, method: "GetRiskLimits", kind: .unary, access: .observer)
        public static let updateRiskLimits = RPCMethod<UpdateRiskLimitsRequest, UpdateRiskLimitsResponse>(
            service: serviceName, method: "UpdateRiskLimits", kind: .unary, access: .admin)
        public static let getRiskState = RPCMethod<GetRiskStateRequest, GetRiskStateResponse>(
            service: serviceName, method: "GetRiskState", kind: .unary, access: .observer)
        public static let halt = RPCMethod<HaltRequest, HaltResponse>(
            service: serviceName, method: "Halt", kind: .unary, access: .admin)
        public static let resume = RPCMethod<ResumeRequest, ResumeResponse>(
            service: serviceName, method: "Resume", kind: .unary, access: .admin)
        public static let subscribeRiskEvents = RPCMethod<SubscribeRiskEventsRequest, RiskEvent>(
            service: serviceName, method: "SubscribeRiskEvents", kind: .serverStreaming, access: .observer)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [
            getRiskLimits.descriptor, updateRiskLimits.descriptor, getRiskState.descriptor,
            halt.descriptor, resume.descriptor, subscribeRiskEvents.descriptor,
        ]
    }
}
