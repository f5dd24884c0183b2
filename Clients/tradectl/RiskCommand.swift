import ArgumentParser
import TradingProtocol

/// `tradectl risk show|halt|resume|watch`.
struct RiskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "risk", abstract: "Risk state, halts and risk events.",
                                                    subcommands: [Show.self, Halt.self, Resume.self, Watch.self],
                                                    defaultSubcommand: Show.self)

    static func show(_ state: TradebotV1.RiskState, json: Bool) {
        if json {
            Output.json(["trading_state": WireFormatting.name(state.tradingState), "halt_reason": state.haltReason,
                         "daily_pnl": state.dailyPnl, "drawdown_fraction": state.drawdownFraction,
                         "rejection_rate": state.rejectionRate, "fill_timeout_rate": state.fillTimeoutRate,
                         "instrument_states": state.instrumentStates.map { ["symbol": $0.symbol, "state": WireFormatting.name($0.state), "reason": $0.reason] },
                         "circuit_breakers": state.circuitBreakers.map { ["name": $0.name, "scope": $0.scope, "tripped": $0.tripped] }])
        } else {
            Output.record([("trading state", WireFormatting.name(state.tradingState)), ("restrictions", state.haltReason),
                           ("daily P&L", state.dailyPnl), ("drawdown", state.drawdownFraction),
                           ("rejection rate", state.rejectionRate), ("fill timeout rate", state.fillTimeoutRate)]
                          + state.instrumentStates.map { ("  \($0.symbol)", "\(WireFormatting.name($0.state)) (\($0.reason))") }
                          + state.circuitBreakers.map { ("  breaker \($0.name)", "\($0.scope) tripped") })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the trading state, restrictions and risk rates.")
        @OptionGroup var options: ClientOptions
        func run() async throws {
            try await Session.run(options) { s in
                guard let state = try await s.risk.getRiskState(TradebotV1.GetRiskStateRequest(), options: s.unary).state else { return }
                RiskCommand.show(state, json: options.json)
            }
        }
    }

    struct Halt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Halt trading (the account, or one --symbol).",
            discussion: "With --cancel-open-orders (or --flatten) on the account this is the kill switch.")
        @OptionGroup var options: ClientOptions
        @Option(help: "Why (required, journaled).") var reason: String
        @Option(help: "Halt only this instrument.") var symbol = ""
        @Flag(name: .customLong("cancel-open-orders"), help: "Cancel open orders.") var cancelOpenOrders = false
        @Flag(help: "Also close every position.") var flatten = false

        func run() async throws {
            var r = TradebotV1.HaltRequest()
            r.reason = reason
            r.symbol = symbol
            r.cancelOpenOrders = cancelOpenOrders
            r.flattenPositions = flatten
            try await Session.run(options) { s in
                let response = try await s.risk.halt(r, options: s.unary)
                if options.json {
                    Output.json(["trading_state": WireFormatting.name(response.state?.tradingState ?? .unspecified),
                                 "cancelled_orders": response.cancelledOrders])
                } else {
                    print("trading \(WireFormatting.name(response.state?.tradingState ?? .unspecified)); cancelled \(response.cancelledOrders) open order(s)")
                }
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift an admin halt or the kill switch.")
        @OptionGroup var options: ClientOptions
        @Option(help: "Why (journaled).") var reason = "resumed from tradectl"
        @Option(help: "Resume only this instrument.") var symbol = ""
        @Flag(name: .customLong("reset-circuit-breakers"), help: "Also reset tripped circuit breakers.") var reset = false

        func run() async throws {
            var r = TradebotV1.ResumeRequest()
            r.reason = reason
            r.symbol = symbol
            r.resetCircuitBreakers = reset
            try await Session.run(options) { s in
                guard let state = try await s.risk.resume(r, options: s.unary).state else { return }
                RiskCommand.show(state, json: options.json)
            }
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stream risk events until interrupted.")
        @OptionGroup var options: ClientOptions
        @Option(name: .customLong("from-sequence"), help: "Replay from this journal sequence (inclusive).") var fromSequence: UInt64?
        @Option(help: "Stop after this many events.") var count: Int?

        func run() async throws {
            var r = TradebotV1.SubscribeRiskEventsRequest()
            r.fromSequence = fromSequence
            try await Session.run(options) { s in
                var n = 0
                for try await e in s.risk.subscribeRiskEvents(r, options: s.stream) {
                    let (kind, detail) = RiskCommand.describe(e.event)
                    if options.json {
                        Output.json(["sequence": e.sequence, "time": WireFormatting.time(e.time), "kind": kind, "detail": detail])
                    } else {
                        Output.line("\(e.sequence)  \(kind)  \(detail)")
                    }
                    n += 1
                    if let count, n >= count { break }
                }
            }
        }
    }

    static func describe(_ event: TradebotV1.RiskEvent.Event?) -> (String, String) {
        switch event {
        case .limitBreached(let m)?: ("LIMIT_BREACHED", m.message)
        case .stopUpdated(let m)?: ("STOP_UPDATED", "\(m.symbol) \(m.oldStopPrice) -> \(m.newStopPrice)")
        case .circuitBreakerTripped(let m)?: ("CIRCUIT_BREAKER_TRIPPED", "\(m.breaker?.name ?? "") \(m.breaker?.scope ?? "") \(m.breaker?.reason ?? "")")
        case .circuitBreakerReset(let m)?: ("CIRCUIT_BREAKER_RESET", "\(m.name) \(m.scope)")
        case .tradingStateChanged(let m)?: ("TRADING_STATE_CHANGED", "\(m.scope) \(WireFormatting.name(m.oldState)) -> \(WireFormatting.name(m.newState)) (\(m.actor): \(m.reason))")
        case .orderRejected(let m)?: ("ORDER_REJECTED", "\(m.symbol) \(m.clientOrderID) \(m.reasonCode): \(m.message)")
        case .fillTimeout(let m)?: ("FILL_TIMEOUT", "\(m.orderID) \(m.symbol) \(m.action)")
        case nil: ("UNKNOWN", "")
        }
    }
}
