import ArgumentParser
import TradingProtocol

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
