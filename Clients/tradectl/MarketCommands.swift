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

/// `tradectl status`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Server version, uptime, component health and SLA figures.",
        discussion: "Exit status: 0 when every component is OK and every SLA is met, 2 otherwise, 1 when the call failed.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        var healthy = true
        try await Session.run(options) { s in
            let st = try await s.system.getStatus(TradebotV1.GetStatusRequest(), options: s.unary)
            healthy = st.components.allSatisfy { $0.state == .ok } && st.sla.allSatisfy(\.met)
            if options.json {
                Output.json(["version": st.version, "uptime_seconds": st.uptimeSeconds, "mode": WireFormatting.name(st.mode),
                             "trading_state": WireFormatting.name(st.tradingState),
                             "components": st.components.map { ["name": $0.name, "state": WireFormatting.name($0.state), "detail": $0.detail] },
                             "sla": st.sla.map { ["name": $0.name, "value": $0.value, "target": $0.target, "unit": $0.unit, "met": $0.met] }])
            } else {
                Output.record([("version", st.version), ("uptime", "\(st.uptimeSeconds)s"), ("mode", WireFormatting.name(st.mode)),
                               ("trading", WireFormatting.name(st.tradingState))])
                print("")
                Output.table(["COMPONENT", "STATE", "DETAIL"], st.components.map { [$0.name, WireFormatting.name($0.state), $0.detail] })
                print("")
                Output.table(["SLA", "VALUE", "TARGET", "MET"],
                             st.sla.map { [$0.name, "\(($0.value * 1000).rounded() / 1000) \($0.unit)", "< \($0.target) \($0.unit)", $0.met ? "yes" : "NO"] })
            }
        }
        if !healthy { throw ExitCode(2) }
    }
}

/// `tradectl signal`.
struct SignalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signal", abstract: "Send an external trading signal (sized and risk-checked by the engine).",
        discussion: "Prints the order it produced, or why it was not acted on (exit 0 either way). Retrying with the same --id returns the first answer.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "long, short or flat.") var direction: String
    @Argument(help: "Instrument symbol.") var symbol: String = "EURUSD"
    @Option(help: "Strategy id the order is attributed to.") var strategy = "tradectl"
    @Option(help: "Signal id (idempotency key; default: random).") var id: String?
    @Option(help: "Protective stop price (default: ATR-based).") var stop: String?
    @Option(name: .customLong("take-profit"), help: "Take-profit price.") var takeProfit: String?

    func validate() throws {
        guard ["long", "short", "flat"].contains(direction.lowercased()) else {
            throw ValidationError("direction must be long, short or flat")
        }
    }

    func run() async throws {
        var r = TradebotV1.SubmitSignalRequest()
        r.signalID = id ?? "tradectl-\(UInt64.random(in: 1...UInt64.max))"
        r.strategyID = strategy
        r.symbol = symbol
        r.direction = switch direction.lowercased() { case "long": .long; case "short": .short; default: .flat }
        r.stopPrice = stop ?? ""
        r.takeProfitPrice = takeProfit ?? ""
        try await Session.run(options) { s in
            let answer = try await s.strategies.submitSignal(r, options: s.unary)
            if options.json {
                var object: [String: Any] = ["signal_id": answer.signalID, "accepted": answer.accepted,
                                             "reason_code": answer.reasonCode, "reason_message": answer.reasonMessage]
                if let o = answer.order { object["order"] = WireFormatting.orderJSON(o) }
                Output.json(object)
            } else if answer.accepted, let o = answer.order {
                Output.table(WireFormatting.orderHeaders, [WireFormatting.orderRow(o)])
            } else {
                print("not acted on: \(answer.reasonCode) \(answer.reasonMessage)")
            }
        }
    }
}
