import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.MarketData` service: instruments, quotes and the quote/bar stream.
    public enum MarketData {
        public static let serviceName = "tradebot.v1.MarketData"
        public static let listInstruments = RPCMethod<ListInstrumentsRequest, ListInstrumentsResponse>(
            service: serviceName, method: "ListInstruments", kind: .unary, access: .observer)
        public static let getQuote = RPCMethod<GetQuoteRequest, GetQuoteResponse>(
            service: serviceName, method: "GetQuote", kind: .unary, access: .observer)
        public static let subscribeQuotes = RPCMethod<SubscribeQuotesRequest, MarketDataEvent>(
            service: serviceName, method: "SubscribeQuotes", kind: .serverStreaming, access: .observer)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [
            listInstruments.descriptor, getQuote.descriptor, subscribeQuotes.descriptor,
        ]
    }
}
