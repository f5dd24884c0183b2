import RPCCore
import WireFormat

extension TradebotV1.Orders {
    /// Typed calls to `tradebot.v1.Orders` over any RPCCore transport (HTTP/2 or in-process).
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func submitOrder(_ request: TradebotV1.SubmitOrderRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.SubmitOrderResponse {
            try await rpc.call(TradebotV1.Orders.submitOrder, request, options: options)
        }
        public func cancelOrder(_ request: TradebotV1.CancelOrderRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.CancelOrderResponse {
            try await rpc.call(TradebotV1.Orders.cancelOrder, request, options: options)
        }
        public func replaceOrder(_ request: TradebotV1.ReplaceOrderRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ReplaceOrderResponse {
            try await rpc.call(TradebotV1.Orders.replaceOrder, request, options: options)
        }
        public func getOrder(_ request: TradebotV1.GetOrderRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.GetOrderResponse {
            try await rpc.call(TradebotV1.Orders.getOrder, request, options: options)
        }
        public func listOrders(_ request: TradebotV1.ListOrdersRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListOrdersResponse {
            try await rpc.call(TradebotV1.Orders.listOrders, request, options: options)
        }
        public func subscribeOrders(_ request: TradebotV1.SubscribeOrdersRequest, options: CallOptions = CallOptions()) -> TypedResponseStream<TradebotV1.OrderEvent> {
            rpc.stream(TradebotV1.Orders.subscribeOrders, request, options: options)
        }
        public func subscribeFills(_ request: TradebotV1.SubscribeFillsRequest, options: CallOptions = CallOptions()) -> TypedResponseStream<TradebotV1.FillEvent> {
            rpc.stream(TradebotV1.Orders.subscribeFills, request, options: options)
        }
    }
}
