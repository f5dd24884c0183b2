import ArgumentParser
import TradingProtocol

/// `tradectl instruments`.
struct InstrumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "instruments", abstract: "List tradable instruments.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await Session.run(options) { s in
            let list = try await s.marketData.listInstruments(TradebotV1.ListInstrumentsRequest(), options: s.unary).instruments
            if options.json {
                for i in list {
                    Output.json(["symbol": i.symbol, "tick_size": i.tickSize, "lot_size": i.lotSize, "min_quantity": i.minQuantity,
                                 "quote_currency": i.quoteCurrency, "tradable": i.tradable])
                }
            } else {
                Output.table(["SYMBOL", "TICK", "LOT", "MIN_QTY", "CCY", "TRADABLE"],
                             list.map { [$0.symbol, $0.tickSize, $0.lotSize, $0.minQuantity, $0.quoteCurrency, $0.tradable ? "yes" : "no"] })
            }
        }
    }
}
