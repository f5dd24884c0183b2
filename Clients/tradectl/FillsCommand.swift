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
        @Option(name: .customLong("from-sequence"), help: "Replay from this journal sequence (inclusive).") var fromSequence: UInt64?
        @Option(help: "Only this symbol.") var symbol: String?
        @Option(help: "Stop after this many fills.") var count: Int?

        func run() async throws {
            var r = TradebotV1.SubscribeFillsRequest()
            r.fromSequence = fromSequence
            if let symbol { r.symbols = [symbol] }
            try await Session.run(options) { s in
                var n = 0
                for try await e in s.orders.subscribeFills(r, options: s.stream) {
                    guard let f = e.fill else { continue }
                    if options.json {
                        Output.json(WireFormatting.fillJSON(e.sequence, f))
                    } else {
                        Output.line("\(e.sequence)  \(f.symbol) \(WireFormatting.name(f.side)) \(f.quantity) @ \(f.price)  order \(f.orderID)  fee \(f.commission)  \(WireFormatting.time(f.executedAt))")
                    }
                    n += 1
                    if let count, n >= count { break }
                }
            }
        }
    }
}
