import ArgumentParser
import TradingProtocol

/// `tradectl quote SYMBOL`.
struct QuoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quote", abstract: "Show the latest quote of an instrument.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "Instrument symbol.") var symbol: String = "EURUSD"

    func run() async throws {
        var r = TradebotV1.GetQuoteRequest()
        r.symbol = symbol
        try await Session.run(options) { s in
            guard let q = try await s.marketData.getQuote(r, options: s.unary).quote else { return }
            if options.json {
                Output.json(["symbol": q.symbol, "bid": q.bid, "ask": q.ask, "last": q.last, "time": WireFormatting.time(q.time)])
            } else {
                Output.table(["SYMBOL", "BID", "ASK", "LAST", "TIME"], [[q.symbol, q.bid, q.ask, q.last, WireFormatting.time(q.time)]])
            }
        }
    }
}
