import ArgumentParser
import TradingProtocol

/// `tradectl fills watch`.
struct FillsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fills", abstract: "Watch fills.",
                                                    subcommands: [Watch.self])

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stream fills until interrupted.",
            discussion: "With --from-sequence N the journal is replayed from N first; resume with the last sequence printed + 1.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var stream: StreamOptions
        @Option(help: "Only this symbol.") var symbol: String?

        func run() async throws {
            var r = TradebotV1.SubscribeFillsRequest()
            r.fromSequence = stream.fromSequence
            if let symbol { r.symbols = [symbol] }
            try await Session.run(options) { s in
                try await stream.printEach(s.orders.subscribeFills(r, options: s.stream), json: options.json) { e in
                    guard let f = e.fill else { return nil }
                    return (WireFormatting.fillJSON(e.sequence, f),
                            "\(e.sequence)  \(f.symbol) \(WireFormatting.name(f.side)) \(f.quantity) @ \(f.price)  order \(f.orderID)  fee \(f.commission)  \(WireFormatting.time(f.executedAt))")
                }
            }
        }
    }
}
