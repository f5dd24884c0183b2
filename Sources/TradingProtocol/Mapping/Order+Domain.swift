import TradingModel
import WireFormat

extension TradebotV1.Order {
    /// The wire form of a domain order. `sequence` is the order-stream position of the event
    /// that produced this state; the service layer knows it, the order does not.
    public init(_ order: TradingModel.Order, accountID: String = "", sequence: UInt64 = 0,
                reasonCode: String = "", reasonMessage: String = "") {
        self.init()
        orderID = order.id.description
        clientOrderID = order.clientOrderID?.value ?? ""
        self.accountID = accountID
        symbol = order.symbol.value
        side = TradebotV1.Side(order.side)
        type = TradebotV1.OrderType(order.request.type)
        timeInForce = TradebotV1.TimeInForce(order.request.timeInForce)
        status = TradebotV1.OrderStatus(order.status)
        quantity = order.quantity.wireText
        filledQuantity = order.filledQuantity.wireText
        limitPrice = order.request.limitPrice.wireText
        stopPrice = order.request.triggerPrice.wireText
        averageFillPrice = order.averageFillPrice.wireText
        stopLossPrice = order.request.bracket?.stopLoss.wireText ?? ""
        takeProfitPrice = order.request.bracket?.takeProfit.wireText ?? ""
        trailingStopDistance = (order.request.trailingOffset ?? order.request.bracket?.trailingDistance).wireText
        reduceOnly = order.request.reduceOnly
        strategyID = order.strategyID?.value ?? ""
        self.reasonCode = reasonCode
        self.reasonMessage = reasonMessage
        createdAt = GoogleProtobuf.Timestamp(order.createdAt)
        updatedAt = GoogleProtobuf.Timestamp(order.updatedAt)
        self.sequence = sequence
    }
}
