import RPCCore
import WireFormat

extension TradebotV1.Portfolio {
    /// Typed calls to `tradebot.v1.Portfolio`.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func listPositions(_ request: TradebotV1.ListPositionsRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListPositionsResponse {
            try await rpc.call(TradebotV1.Portfolio.listPositions, request, options: options)
        }
        public func getPortfolio(_ request: TradebotV1.GetPortfolioRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.GetPortfolioResponse {
            try await rpc.call(TradebotV1.Portfolio.getPortfolio, request, options: options)
        }
        public func subscribePositions(_ request: TradebotV1.SubscribePositionsRequest, options: CallOptions = CallOptions()) -> TypedResponseStream<TradebotV1.PositionEvent> {
            rpc.stream(TradebotV1.Portfolio.subscribePositions, request, options: options)
        }
    }
}
