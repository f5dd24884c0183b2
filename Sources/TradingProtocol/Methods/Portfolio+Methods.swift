import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.Portfolio` service: positions, account value and the position stream.
    public enum Portfolio {
        public static let serviceName = "tradebot.v1.Portfolio"
        public static let listPositions = RPCMethod<ListPositionsRequest, ListPositionsResponse>(
            service: serviceName, method: "ListPositions", kind: .unary, access: .observer)
        public static let getPortfolio = RPCMethod<GetPortfolioRequest, GetPortfolioResponse>(
            service: serviceName, method: "GetPortfolio", kind: .unary, access: .observer)
        public static let subscribePositions = RPCMethod<SubscribePositionsRequest, PositionEvent>(
            service: serviceName, method: "SubscribePositions", kind: .serverStreaming, access: .observer)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [
            listPositions.descriptor, getPortfolio.descriptor, subscribePositions.descriptor,
        ]
    }
}
