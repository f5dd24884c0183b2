import TradingProtocol
import WireFormat

extension Golden {
    static let strategyInfo = V1.StrategyInfo {
        $0.strategyID = "strategy_id"; $0.kind = "kind"; $0.symbol = "symbol"; $0.state = .failed
        $0.parameters = ["parameters_a": "1", "parameters_b": "2"]; $0.startedAt = ts; $0.lastError = "last_error"
        $0.signalsEmitted = 8_000_000_056; $0.ordersSubmitted = 9_000_000_063
    }

    static func submitSignal(_ size: V1.SubmitSignalRequest.Size) -> V1.SubmitSignalRequest {
        V1.SubmitSignalRequest {
            $0.signalID = "signal_id"; $0.strategyID = "strategy_id"; $0.symbol = "symbol"; $0.direction = .flat
            $0.size = size; $0.stopPrice = "stop_price"; $0.takeProfitPrice = "take_profit_price"
            $0.generatedAt = ts; $0.note = "note"
        }
    }

    static let strategies: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.StrategyInfo", strategyInfo),
        ("tradebot.v1.ListStrategiesRequest", V1.ListStrategiesRequest()),
        ("tradebot.v1.ListStrategiesResponse", V1.ListStrategiesResponse { $0.strategies = [strategyInfo, strategyInfo] }),
        ("tradebot.v1.StartStrategyRequest", V1.StartStrategyRequest { $0.strategyID = "strategy_id" }),
        ("tradebot.v1.StartStrategyResponse", V1.StartStrategyResponse { $0.strategy = strategyInfo }),
        ("tradebot.v1.StopStrategyRequest", V1.StopStrategyRequest { $0.strategyID = "strategy_id"; $0.cancelOpenOrders = true }),
        ("tradebot.v1.StopStrategyResponse", V1.StopStrategyResponse { $0.strategy = strategyInfo }),
        ("tradebot.v1.SubmitSignalRequest.quantity", submitSignal(.quantity("quantity"))),
        ("tradebot.v1.SubmitSignalRequest.risk_fraction", submitSignal(.riskFraction("risk_fraction"))),
        ("tradebot.v1.SubmitSignalResponse", V1.SubmitSignalResponse {
            $0.signalID = "signal_id"; $0.accepted = true; $0.order = order; $0.reasonCode = "reason_code"
            $0.reasonMessage = "reason_message"
        }),
    ]
}
