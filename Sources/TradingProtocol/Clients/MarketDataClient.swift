import RPCCore
import WireFormat

extension TradebotV1.MarketData {
    /// Typed calls to `tradebot.v1.MarketData`.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func listInstruments(_ request: TradebotV1.ListInstrumentsRequest = .init(), options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListInstrumentsResponse {
            try await rpc.call(TradebotV1.MarketData.listInstruments, request, options: options)
        }
        public func getQuote(_ request: TradebotV1.GetQuoteRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.GetQuoteResponse {
            try await rpc.call(TradebotV1.MarketData.getQuote, request, options: options)
        }
        public func subscribeQuotes(_ request: TradebotV1.SubscribeQuotesRequest, options: CallOptions = CallOptions()) -> TypedResponseStream<TradebotV1.MarketDataEvent> {
            rpc.stream(TradebotV1.MarketData.subscribeQuotes, request, options: options)
        }
    }
}
