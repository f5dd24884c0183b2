import ArgumentParser
import TradingProtocol

/// `tradectl strategies list`.
struct StrategiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "strategies", abstract: "Hosted strategies.",
                                                    subcommands: [List.self, Start.self, Stop.self], defaultSubcommand: List.self)

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a hosted strategy trade (idempotent).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Strategy id (see `strategies list`).") var id: String
        func run() async throws {
            var r = TradebotV1.StartStrategyRequest()
            r.strategyID = id
            try await Session.run(options) { s in
                let info = try await s.strategies.startStrategy(r, options: s.unary).strategy
                StrategiesCommand.show(info, json: options.json)
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a hosted strategy from trading (it keeps watching the market).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Strategy id.") var id: String
        @Flag(name: .customLong("cancel-open-orders"), help: "Also cancel the strategy's open orders.") var cancel = false
        func run() async throws {
            var r = TradebotV1.StopStrategyRequest()
            r.strategyID = id
            r.cancelOpenOrders = cancel
            try await Session.run(options) { s in
                let info = try await s.strategies.stopStrategy(r, options: s.unary).strategy
                StrategiesCommand.show(info, json: options.json)
            }
        }
    }

    static func show(_ info: TradebotV1.StrategyInfo?, json: Bool) {
        guard let info else { return }
        if json {
            Output.json(["strategy_id": info.strategyID, "state": WireFormatting.name(info.state)])
        } else {
            print("\(info.strategyID) \(WireFormatting.name(info.state))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List hosted strategies and their counters.")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await Session.run(options) { s in
                let list = try await s.strategies.listStrategies(TradebotV1.ListStrategiesRequest(), options: s.unary).strategies
                if options.json {
                    for i in list {
                        Output.json(["strategy_id": i.strategyID, "kind": i.kind, "symbol": i.symbol, "state": WireFormatting.name(i.state),
                                     "parameters": i.parameters, "signals": i.signalsEmitted, "orders": i.ordersSubmitted])
                    }
                } else {
                    Output.table(["STRATEGY", "KIND", "SYMBOL", "STATE", "PARAMETERS", "SIGNALS", "ORDERS"],
                                 list.map { [$0.strategyID, $0.kind, $0.symbol, WireFormatting.name($0.state),
                                             $0.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
                                             "\($0.signalsEmitted)", "\($0.ordersSubmitted)"] })
                }
            }
        }
    }
}
