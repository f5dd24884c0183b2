import ArgumentParser
import TradingProtocol

/// `tradectl portfolio`.
struct PortfolioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "portfolio", abstract: "Show cash, equity, P&L and exposure.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await Session.run(options) { s in
            guard let p = try await s.portfolio.getPortfolio(TradebotV1.GetPortfolioRequest(), options: s.unary).portfolio else { return }
            if options.json {
                Output.json(["account_id": p.accountID, "currency": p.currency, "cash": p.cash, "equity": p.equity,
                             "realized_pnl": p.realizedPnl, "unrealized_pnl": p.unrealizedPnl,
                             "gross_exposure": p.grossExposure, "net_exposure": p.netExposure, "peak_equity": p.peakEquity,
                             "drawdown": p.drawdown, "drawdown_fraction": p.drawdownFraction, "daily_pnl": p.dailyPnl,
                             "commissions": p.commissions, "positions": p.positions.map(WireFormatting.positionJSON),
                             "as_of": WireFormatting.time(p.asOf)])
            } else {
                Output.record([("account", p.accountID), ("cash", "\(p.cash) \(p.currency)"), ("equity", p.equity),
                               ("realized P&L", p.realizedPnl), ("unrealized P&L", p.unrealizedPnl),
                               ("daily P&L", p.dailyPnl), ("gross exposure", p.grossExposure),
                               ("net exposure", p.netExposure), ("peak equity", p.peakEquity),
                               ("drawdown", "\(p.drawdown) (\(p.drawdownFraction))"), ("commissions", p.commissions)])
                if !p.positions.isEmpty {
                    print("")
                    Output.table(WireFormatting.positionHeaders, p.positions.map(WireFormatting.positionRow))
                }
            }
        }
    }
}
