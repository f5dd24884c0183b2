import TradingProtocol
import WireFormat

extension Golden {
    static let orders: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.SubmitOrderRequest", V1.SubmitOrderRequest {
            $0.clientOrderID = "client_order_id"; $0.symbol = "symbol"; $0.side = .sell; $0.type = .trailingStop
            $0.quantity = "quantity"; $0.limitPrice = "limit_price"; $0.stopPrice = "stop_price"
            $0.timeInForce = .day; $0.stopLossPrice = "stop_loss_price"; $0.takeProfitPrice = "take_profit_price"
            $0.trailingStopDistance = "trailing_stop_distance"; $0.strategyID = "strategy_id"
            $0.reduceOnly = true; $0.accountID = "account_id"
        }),
        ("tradebot.v1.SubmitOrderResponse", V1.SubmitOrderResponse { $0.order = order; $0.duplicate = true }),
        ("tradebot.v1.CancelOrderRequest.order_id", V1.CancelOrderRequest {
            $0.target = .orderID("order_id"); $0.reason = "reason"
        }),
        ("tradebot.v1.CancelOrderRequest.client_order_id", V1.CancelOrderRequest {
            $0.target = .clientOrderID("client_order_id"); $0.reason = "reason"
        }),
        ("tradebot.v1.CancelOrderResponse", V1.CancelOrderResponse { $0.order = order }),
        ("tradebot.v1.ReplaceOrderRequest.order_id", replaceOrder(.orderID("order_id"))),
        ("tradebot.v1.ReplaceOrderRequest.client_order_id", replaceOrder(.clientOrderID("client_order_id"))),
        ("tradebot.v1.ReplaceOrderResponse", V1.ReplaceOrderResponse { $0.order = order }),
        ("tradebot.v1.GetOrderRequest.order_id", V1.GetOrderRequest { $0.target = .orderID("order_id") }),
        ("tradebot.v1.GetOrderRequest.client_order_id", V1.GetOrderRequest {
            $0.target = .clientOrderID("client_order_id")
        }),
        ("tradebot.v1.GetOrderResponse", V1.GetOrderResponse { $0.order = order }),
        ("tradebot.v1.ListOrdersRequest", V1.ListOrdersRequest {
            $0.symbol = "symbol"; $0.statuses = [.pendingNew, .unknown]; $0.strategyID = "strategy_id"
            $0.createdAfter = ts; $0.createdBefore = ts; $0.pageSize = -6; $0.pageToken = "page_token"
            $0.accountID = "account_id"
        }),
        ("tradebot.v1.ListOrdersResponse", V1.ListOrdersResponse {
            $0.orders = [order, order]; $0.nextPageToken = "next_page_token"
        }),
        ("tradebot.v1.SubscribeOrdersRequest", V1.SubscribeOrdersRequest {
            $0.fromSequence = 0; $0.symbols = ["symbols", "symbols_2"]; $0.strategyID = "strategy_id"
        }),
        ("tradebot.v1.OrderEvent", V1.OrderEvent {
            $0.sequence = 1_000_000_007; $0.kind = .statusUnknown; $0.order = order; $0.time = ts
        }),
        ("tradebot.v1.SubscribeFillsRequest", V1.SubscribeFillsRequest {
            $0.fromSequence = 0; $0.symbols = ["symbols", "symbols_2"]; $0.strategyID = "strategy_id"
        }),
        ("tradebot.v1.FillEvent", V1.FillEvent { $0.sequence = 1_000_000_007; $0.fill = fill }),
    ]

    static func replaceOrder(_ target: V1.OrderTarget) -> V1.ReplaceOrderRequest {
        V1.ReplaceOrderRequest {
            $0.target = target; $0.quantity = "quantity"; $0.limitPrice = "limit_price"
            $0.stopPrice = "stop_price"; $0.stopLossPrice = "stop_loss_price"; $0.takeProfitPrice = "take_profit_price"
        }
    }
}
