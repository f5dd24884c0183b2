import TradingProtocol
import WireFormat

extension Golden {
    static let order = V1.Order {
        $0.orderID = "order_id"; $0.clientOrderID = "client_order_id"; $0.accountID = "account_id"
        $0.symbol = "symbol"; $0.side = .sell; $0.type = .trailingStop; $0.timeInForce = .day
        $0.status = .unknown; $0.quantity = "quantity"; $0.filledQuantity = "filled_quantity"
        $0.limitPrice = "limit_price"; $0.stopPrice = "stop_price"; $0.averageFillPrice = "average_fill_price"
        $0.stopLossPrice = "stop_loss_price"; $0.takeProfitPrice = "take_profit_price"
        $0.trailingStopDistance = "trailing_stop_distance"; $0.reduceOnly = true; $0.strategyID = "strategy_id"
        $0.brokerOrderID = "broker_order_id"; $0.reasonCode = "reason_code"; $0.reasonMessage = "reason_message"
        $0.createdAt = ts; $0.updatedAt = ts; $0.sequence = 24_000_000_168
    }
    static let fill = V1.Fill {
        $0.fillID = "fill_id"; $0.orderID = "order_id"; $0.clientOrderID = "client_order_id"
        $0.accountID = "account_id"; $0.symbol = "symbol"; $0.side = .sell; $0.quantity = "quantity"
        $0.price = "price"; $0.commission = "commission"; $0.commissionCurrency = "commission_currency"
        $0.brokerTradeID = "broker_trade_id"; $0.strategyID = "strategy_id"; $0.executedAt = ts
    }
    static let position = V1.Position {
        $0.accountID = "account_id"; $0.symbol = "symbol"; $0.quantity = "quantity"
        $0.averagePrice = "average_price"; $0.lastPrice = "last_price"; $0.marketValue = "market_value"
        $0.realizedPnl = "realized_pnl"; $0.unrealizedPnl = "unrealized_pnl"; $0.commissions = "commissions"
        $0.updatedAt = ts
    }
    static let instrument = V1.Instrument {
        $0.symbol = "symbol"; $0.description = "description"; $0.baseCurrency = "base_currency"
        $0.quoteCurrency = "quote_currency"; $0.pricePrecision = 5007; $0.quantityPrecision = 6007
        $0.tickSize = "tick_size"; $0.lotSize = "lot_size"; $0.minQuantity = "min_quantity"
        $0.contractMultiplier = "contract_multiplier"; $0.tradable = true
    }
    static let quote = V1.Quote {
        $0.symbol = "symbol"; $0.bid = "bid"; $0.ask = "ask"; $0.bidSize = "bid_size"
        $0.askSize = "ask_size"; $0.last = "last"; $0.time = ts
    }
    static let bar = V1.Bar {
        $0.symbol = "symbol"; $0.startTime = ts; $0.intervalSeconds = 3007; $0.open = "open"
        $0.high = "high"; $0.low = "low"; $0.close = "close"; $0.volume = "volume"
    }

    static let common: [(name: String, message: any ProtoMessage)] = [
        ("google.protobuf.Timestamp", ts),
        ("tradebot.v1.Order", order), ("tradebot.v1.Fill", fill), ("tradebot.v1.Position", position),
        ("tradebot.v1.Instrument", instrument), ("tradebot.v1.Quote", quote), ("tradebot.v1.Bar", bar),
    ]
}
