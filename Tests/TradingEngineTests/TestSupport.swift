import TradingEngine
import TradingModel
import TradingTesting

func p(_ s: String) -> Price { Fixtures.price(s) }
func q(_ s: String) -> Quantity { Fixtures.quantity(s) }
func m(_ s: String) -> Money { Fixtures.money(s) }

extension CommandResult {
    var deniedReason: RiskRejectReason? {
        if case .denied(_, let reason, _) = self { return reason }
        return nil
    }
    var order: Order? {
        if case .order(let o) = self { return o }
        return nil
    }
}

func limitOrder(_ side: OrderSide, _ qty: String, at price: String, symbol: Symbol = "TEST",
                strategy: StrategyID? = nil) -> OrderRequest {
    OrderRequest(strategyID: strategy, symbol: symbol, side: side, type: .limit, quantity: q(qty), limitPrice: p(price))
}

func marketOrder(_ side: OrderSide, _ qty: String, symbol: Symbol = "TEST", strategy: StrategyID? = nil) -> OrderRequest {
    OrderRequest(strategyID: strategy, symbol: symbol, side: side, quantity: q(qty))
}
