import RPCCore
import WireFormat

extension TradebotV1.Strategies {
    /// Typed calls to `tradebot.v1.Strategies`.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func listStrategies(_ request: TradebotV1.ListStrategiesRequest = .init(), options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListStrategiesResponse {
            try await rpc.call(TradebotV1.Strategies.listStrategies, request, options: options)
        }
        public func startStrategy(_ request: TradebotV1.StartStrategyRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.StartStrategyResponse {
            try await rpc.call(TradebotV1.Strategies.startStrategy, request, options: options)
        }
        public func stopStrategy(_ request: TradebotV1.StopStrategyRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.StopStrategyResponse {
            try await rpc.call(TradebotV1.Strategies.stopStrategy, request, options: options)
        }
        public func submitSignal(_ request: TradebotV1.SubmitSignalRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.SubmitSignalResponse {
            try await rpc.call(TradebotV1.Strategies.submitSignal, request, options: options)
        }
    }
}
