import RPCCore
import WireFormat

extension TradebotV1.Risk {
    /// Typed calls to `tradebot.v1.Risk`.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func getRiskLimits(_ request: TradebotV1.GetRiskLimitsRequest = .init(), options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.GetRiskLimitsResponse {
            try await rpc.call(TradebotV1.Risk.getRiskLimits, request, options: options)
        }
        public func updateRiskLimits(_ request: TradebotV1.UpdateRiskLimitsRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.UpdateRiskLimitsResponse {
            try await rpc.call(TradebotV1.Risk.updateRiskLimits, request, options: options)
        }
        public func getRiskState(_ request: TradebotV1.GetRiskStateRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.GetRiskStateResponse {
            try await rpc.call(TradebotV1.Risk.getRiskState, request, options: options)
        }
        public func halt(_ request: TradebotV1.HaltRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.HaltResponse {
            try await rpc.call(TradebotV1.Risk.halt, request, options: options)
        }
        public func resume(_ request: TradebotV1.ResumeRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ResumeResponse {
            try await rpc.call(TradebotV1.Risk.resume, request, options: options)
        }
        public func subscribeRiskEvents(_ request: TradebotV1.SubscribeRiskEventsRequest, options: CallOptions = CallOptions()) -> TypedResponseStream<TradebotV1.RiskEvent> {
            rpc.stream(TradebotV1.Risk.subscribeRiskEvents, request, options: options)
        }
    }
}
