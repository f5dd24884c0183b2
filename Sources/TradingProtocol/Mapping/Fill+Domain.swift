import TradingModel
import WireFormat

extension TradebotV1.Fill {
    /// The wire form of a domain fill. The domain fill does not carry the account, client order
    /// id or strategy, so the caller (which knows the order) passes them.
    public init(_ fill: TradingModel.Fill, accountID: String = "", clientOrderID: String = "",
                strategyID: String = "", commissionCurrency: String = "") {
        self.init()
        fillID = fill.tradeID.value
        orderID = fill.orderID.description
        self.clientOrderID = clientOrderID
        self.accountID = accountID
        symbol = fill.symbol.value
        side = TradebotV1.Side(fill.side)
        quantity = fill.quantity.wireText
        price = fill.price.wireText
        commission = fill.commission.wireText
        self.commissionCurrency = commissionCurrency
        brokerTradeID = fill.tradeID.value
        self.strategyID = strategyID
        executedAt = GoogleProtobuf.Timestamp(fill.timestamp)
    }
}
