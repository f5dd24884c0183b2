import ArgumentParser
import TradingProtocol

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
