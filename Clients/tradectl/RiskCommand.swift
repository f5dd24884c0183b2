import ArgumentParser
import TradingProtocol

/// `tradectl risk show|halt|resume|watch`.
struct RiskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "risk", abstract: "Risk state, halts and risk events.",
                                                    subcommands: [Show.self, Halt.self, Resume.self, Watch.self, Limits.self, Set.self],
                                                    defaultSubcommand: Show.self)

    static func show(_ state: TradebotV1.RiskState, json: Bool) {
        if json {
            Output.json(["trading_state": WireFormatting.name(state.tradingState), "halt_reason": state.haltReason,
                         "halted_by": state.haltedBy,
                         "daily_pnl": state.dailyPnl, "drawdown_fraction": state.drawdownFraction,
                         "rejection_rate": state.rejectionRate, "fill_timeout_rate": state.fillTimeoutRate,
                         "instrument_states": state.instrumentStates.map { ["symbol": $0.symbol, "state": WireFormatting.name($0.state), "reason": $0.reason, "halted_by": $0.haltedBy] },
                         "circuit_breakers": state.circuitBreakers.map { ["name": $0.name, "scope": $0.scope, "tripped": $0.tripped] }])
        } else {
            Output.record([("trading state", WireFormatting.name(state.tradingState)), ("restrictions", state.haltReason),
                           ("halted by", state.haltedBy.isEmpty ? "-" : state.haltedBy),
                           ("daily P&L", state.dailyPnl), ("drawdown", state.drawdownFraction),
                           ("rejection rate", state.rejectionRate), ("fill timeout rate", state.fillTimeoutRate)]
                          + state.instrumentStates.map {
                              ("  \($0.symbol)", "\(WireFormatting.name($0.state)) (\($0.reason)\($0.haltedBy.isEmpty ? "" : " by " + $0.haltedBy))")
                          }
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
        @OptionGroup var stream: StreamOptions

        func run() async throws {
            var r = TradebotV1.SubscribeRiskEventsRequest()
            r.fromSequence = stream.fromSequence
            try await Session.run(options) { s in
                try await stream.printEach(s.risk.subscribeRiskEvents(r, options: s.stream), json: options.json) { e in
                    let (kind, detail) = RiskCommand.describe(e.event)
                    return (["sequence": e.sequence, "time": WireFormatting.time(e.time), "kind": kind, "detail": detail],
                            "\(e.sequence)  \(kind)  \(detail)")
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
        case .tradingStateChanged(let m)?: ("TRADING_STATE_CHANGED", "\(m.scope) \(WireFormatting.name(m.oldState)) -> \(WireFormatting.name(m.newState)) (\(m.actor)\(m.changedBy.isEmpty ? "" : " by " + m.changedBy): \(m.reason))")
        case .orderRejected(let m)?: ("ORDER_REJECTED", "\(m.symbol) \(m.clientOrderID) \(m.reasonCode): \(m.message)")
        case .fillTimeout(let m)?: ("FILL_TIMEOUT", "\(m.orderID) \(m.symbol) \(m.action)")
        case nil: ("UNKNOWN", "")
        }
    }
}

/// `tradectl risk limits` and `tradectl risk set`.
extension RiskCommand {
    static func printLimits(_ l: TradebotV1.RiskLimits, version: UInt64, json: Bool) {
        let pairs: [(String, String)] = [
            ("max_order_quantity", l.maxOrderQuantity), ("max_order_notional", l.maxOrderNotional),
            ("max_position_quantity", l.maxPositionQuantity), ("max_gross_exposure", l.maxGrossExposure),
            ("max_open_orders", l.maxOpenOrders == 0 ? "" : "\(l.maxOpenOrders)"),
            ("max_orders_per_second", l.maxOrdersPerSecond == 0 ? "" : "\(l.maxOrdersPerSecond)"),
            ("price_collar_fraction", l.priceCollarFraction), ("daily_loss_limit", l.dailyLossLimit),
            ("max_drawdown_fraction", l.maxDrawdownFraction), ("risk_fraction_per_trade", l.riskFractionPerTrade),
            ("fill_timeout_seconds", l.fillTimeoutSeconds == 0 ? "" : "\(l.fillTimeoutSeconds)"),
        ]
        if json {
            var object: [String: Any] = ["version": version]
            for (k, v) in pairs { object[k] = v }
            Output.json(object)
        } else {
            Output.record([("version", "\(version)")] + pairs.map { ($0.0, $0.1.isEmpty ? "(none)" : $0.1) })
        }
    }

    struct Limits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the risk limits and their version.")
        @OptionGroup var options: ClientOptions
        func run() async throws {
            try await Session.run(options) { s in
                let r = try await s.risk.getRiskLimits(TradebotV1.GetRiskLimitsRequest(), options: s.unary)
                RiskCommand.printLimits(r.limits ?? .init(), version: r.version, json: options.json)
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change risk limits: name=value pairs (an empty value removes the limit).",
            discussion: "Example: tradectl risk set max_order_quantity=50000 daily_loss_limit=2000 --reason 'new desk limits'. The change applies only if nobody changed the limits since they were read (VERSION_MISMATCH otherwise).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "name=value pairs, names as printed by `risk limits`.") var assignments: [String]
        @Option(help: "Why (journaled).") var reason: String

        func run() async throws {
            try await Session.run(options) { s in
                let current = try await s.risk.getRiskLimits(TradebotV1.GetRiskLimitsRequest(), options: s.unary)
                var l = current.limits ?? .init()
                for a in assignments {
                    guard let eq = a.firstIndex(of: "=") else { throw ValidationError("expected name=value, got '\(a)'") }
                    let name = String(a[..<eq]), value = String(a[a.index(after: eq)...])
                    func count() throws -> UInt32 {
                        guard value.isEmpty || UInt32(value) != nil else { throw ValidationError("\(name) must be a whole number") }
                        return UInt32(value) ?? 0
                    }
                    switch name {
                    case "max_order_quantity": l.maxOrderQuantity = value
                    case "max_order_notional": l.maxOrderNotional = value
                    case "max_position_quantity": l.maxPositionQuantity = value
                    case "max_gross_exposure": l.maxGrossExposure = value
                    case "max_open_orders": l.maxOpenOrders = try count()
                    case "max_orders_per_second": l.maxOrdersPerSecond = try count()
                    case "price_collar_fraction": l.priceCollarFraction = value
                    case "daily_loss_limit": l.dailyLossLimit = value
                    case "max_drawdown_fraction": l.maxDrawdownFraction = value
                    case "risk_fraction_per_trade": l.riskFractionPerTrade = value
                    case "fill_timeout_seconds": l.fillTimeoutSeconds = try count()
                    default: throw ValidationError("unknown limit '\(name)'")
                    }
                }
                var request = TradebotV1.UpdateRiskLimitsRequest()
                request.limits = l
                request.expectedVersion = current.version == 0 ? 0 : current.version
                request.reason = reason
                let r = try await s.risk.updateRiskLimits(request, options: s.unary)
                RiskCommand.printLimits(r.limits ?? .init(), version: r.version, json: options.json)
            }
        }
    }
}
