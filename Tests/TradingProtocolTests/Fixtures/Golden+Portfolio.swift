import TradingProtocol
import WireFormat

extension Golden {
    static let portfolioSummary = V1.PortfolioSummary {
        $0.accountID = "account_id"; $0.currency = "currency"; $0.cash = "cash"; $0.equity = "equity"
        $0.realizedPnl = "realized_pnl"; $0.unrealizedPnl = "unrealized_pnl"; $0.grossExposure = "gross_exposure"
        $0.netExposure = "net_exposure"; $0.peakEquity = "peak_equity"; $0.drawdown = "drawdown"
        $0.drawdownFraction = "drawdown_fraction"; $0.dailyPnl = "daily_pnl"; $0.commissions = "commissions"
        $0.positions = [position, position]; $0.asOf = ts
    }

    static let portfolio: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.ListPositionsRequest", V1.ListPositionsRequest {
            $0.accountID = "account_id"; $0.symbol = "symbol"; $0.includeFlat = true
        }),
        ("tradebot.v1.ListPositionsResponse", V1.ListPositionsResponse {
            $0.positions = [position, position]; $0.asOf = ts
        }),
        ("tradebot.v1.GetPortfolioRequest", V1.GetPortfolioRequest { $0.accountID = "account_id" }),
        ("tradebot.v1.GetPortfolioResponse", V1.GetPortfolioResponse { $0.portfolio = portfolioSummary }),
        ("tradebot.v1.PortfolioSummary", portfolioSummary),
        ("tradebot.v1.SubscribePositionsRequest", V1.SubscribePositionsRequest {
            $0.fromSequence = 0; $0.symbols = ["symbols", "symbols_2"]; $0.accountID = "account_id"
        }),
        ("tradebot.v1.PositionEvent", V1.PositionEvent {
            $0.sequence = 1_000_000_007; $0.kind = .closed; $0.position = position; $0.time = ts
        }),
    ]
}
