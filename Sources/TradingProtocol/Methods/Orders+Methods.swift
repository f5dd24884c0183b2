import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.Orders` service: order entry and the order and fill streams.
    public enum Orders {
        public static let serviceName = "tradebot.v1.Orders"
        public static let submitOrder = RPCMethod<SubmitOrderRequest, SubmitOrderResponse>(
            service: serviceName, method: "SubmitOrder", kind: .unary, access: .trader)
        public static let cancelOrder = RPCMethod<CancelOrderRequest, CancelOrderResponse>(
            service: serviceName, method: "CancelOrder", kind: .unary, access: .trader)
        public static let replaceOrder = RPCMethod<ReplaceOrderRequest, ReplaceOrderResponse>(
            service: serviceName, method: "ReplaceOrder", kind: .unary, access: .trader)
        public static let getOrder = RPCMethod<GetOrderRequest, GetOrderResponse>(
            service: serviceName, method: "GetOrder", kind: .unary, access: .observer)
        public static let listOrders = RPCMethod<ListOrdersRequest, ListOrdersResponse>(
            service: serviceName, method: "ListOrders", kind: .unary, access: .observer)
        public static let subscribeOrders = RPCMethod<SubscribeOrdersRequest, OrderEvent>(
            service: serviceName, method: "SubscribeOrders", kind: .serverStreaming, access: .observer)
        public static let subscribeFills = RPCMethod<SubscribeFillsRequest, FillEvent>(
            service: serviceName, method: "SubscribeFills", kind: .serverStreaming, access: .observer)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [
            submitOrder.descriptor, cancelOrder.descriptor, replaceOrder.descriptor, getOrder.descriptor,
            listOrders.descriptor, subscribeOrders.descriptor, subscribeFills.descriptor,
        ]
    }
}
