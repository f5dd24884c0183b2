import ArgumentParser
import TradingProtocol

/// `tradectl positions list|watch`.
struct PositionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "positions", abstract: "List or watch positions.",
                                                    subcommands: [List.self, Watch.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open positions.")
        @OptionGroup var options: ClientOptions
        @Flag(name: .customLong("include-flat"), help: "Also list flat instruments.") var includeFlat = false

        func run() async throws {
            var r = TradebotV1.ListPositionsRequest()
            r.includeFlat = includeFlat
            try await Session.run(options) { s in
                let positions = try await s.portfolio.listPositions(r, options: s.unary).positions
                if options.json {
                    for p in positions { Output.json(WireFormatting.positionJSON(p)) }
                } else {
                    Output.table(WireFormatting.positionHeaders, positions.map(WireFormatting.positionRow))
                }
            }
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stream position changes until interrupted.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var stream: StreamOptions

        func run() async throws {
            var r = TradebotV1.SubscribePositionsRequest()
            r.fromSequence = stream.fromSequence
            try await Session.run(options) { s in
                try await stream.printEach(s.portfolio.subscribePositions(r, options: s.stream), json: options.json) { e in
                    guard let p = e.position else { return nil }
                    var object = WireFormatting.positionJSON(p)
                    object["sequence"] = e.sequence
                    object["kind"] = WireFormatting.name(e.kind)
                    return (object, "\(e.sequence)  \(WireFormatting.name(e.kind))  \(p.symbol) \(p.quantity) avg \(p.averagePrice) realized \(p.realizedPnl)")
                }
            }
        }
    }
}
