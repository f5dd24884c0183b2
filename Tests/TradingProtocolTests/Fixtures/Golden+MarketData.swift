import TradingProtocol
import WireFormat

extension Golden {
    static let marketData: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.ListInstrumentsRequest", V1.ListInstrumentsRequest()),
        ("tradebot.v1.ListInstrumentsResponse", V1.ListInstrumentsResponse { $0.instruments = [instrument, instrument] }),
        ("tradebot.v1.GetQuoteRequest", V1.GetQuoteRequest { $0.symbol = "symbol" }),
        ("tradebot.v1.GetQuoteResponse", V1.GetQuoteResponse { $0.quote = quote }),
        ("tradebot.v1.SubscribeQuotesRequest", V1.SubscribeQuotesRequest {
            $0.symbols = ["symbols", "symbols_2"]; $0.includeBars = true; $0.fromSequence = 0
        }),
        ("tradebot.v1.MarketDataEvent.quote", V1.MarketDataEvent { $0.sequence = 1_000_000_007; $0.payload = .quote(quote) }),
        ("tradebot.v1.MarketDataEvent.bar", V1.MarketDataEvent { $0.sequence = 1_000_000_007; $0.payload = .bar(bar) }),
    ]
}
