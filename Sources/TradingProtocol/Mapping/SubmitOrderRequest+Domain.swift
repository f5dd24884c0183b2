import TradingModel
import WireFormat

extension TradebotV1.SubmitOrderRequest {
    /// Validates the wire request and builds the domain's `OrderRequest`.
    ///
    /// Every failure is a `WireDecodingError.invalidValue` naming the proto field, for an
    /// INVALID_ARGUMENT answer: missing symbol/side/type/quantity, malformed decimals, a
    /// non-positive quantity, prices the order type requires but lacks (or forbids but has), and,
    /// when the instrument is known, prices off its tick and quantities off its lot. Risk checks
    /// (limits, collars, trading state) are the engine's, not this mapping's.
    public func domain(instrument: TradingModel.Instrument? = nil) throws(WireDecodingError) -> OrderRequest {
        guard !symbol.isEmpty else { throw .invalidValue(field: "symbol", reason: "symbol is required") }
        if let instrument, instrument.symbol.value != symbol {
            throw .invalidValue(field: "symbol", reason: "instrument mismatch")
        }
        let side = try side.domain(field: "side")
        let type = try type.domain(field: "type")
        let tif = try timeInForce.domain(field: "time_in_force")
        let quantity = try Quantity(wire: quantity, field: "quantity")
        guard quantity.isPositive else { throw .invalidValue(field: "quantity", reason: "quantity must be positive") }
        let limit = try Price.wireOptional(limitPrice, field: "limit_price")
        let stop = try Price.wireOptional(stopPrice, field: "stop_price")
        let stopLoss = try Price.wireOptional(stopLossPrice, field: "stop_loss_price")
        let takeProfit = try Price.wireOptional(takeProfitPrice, field: "take_profit_price")
        let trailing = try Price.wireOptional(trailingStopDistance, field: "trailing_stop_distance")

        switch type {
        case .market:
            if limit != nil { throw .invalidValue(field: "limit_price", reason: "not allowed for a MARKET order") }
            if stop != nil { throw .invalidValue(field: "stop_price", reason: "not allowed for a MARKET order") }
        case .limit:
            guard limit != nil else { throw .invalidValue(field: "limit_price", reason: "required for a LIMIT order") }
            if stop != nil { throw .invalidValue(field: "stop_price", reason: "not allowed for a LIMIT order") }
        case .stop:
            guard stop != nil else { throw .invalidValue(field: "stop_price", reason: "required for a STOP order") }
            if limit != nil { throw .invalidValue(field: "limit_price", reason: "not allowed for a STOP order") }
        case .stopLimit:
            guard limit != nil else { throw .invalidValue(field: "limit_price", reason: "required for a STOP_LIMIT order") }
            guard stop != nil else { throw .invalidValue(field: "stop_price", reason: "required for a STOP_LIMIT order") }
        case .trailingStop:
            guard trailing != nil else {
                throw .invalidValue(field: "trailing_stop_distance", reason: "required for a TRAILING_STOP order")
            }
        }
        for (name, price) in [("limit_price", limit), ("stop_price", stop), ("stop_loss_price", stopLoss),
                              ("take_profit_price", takeProfit)] {
            if let price, !price.isPositive { throw .invalidValue(field: name, reason: "price must be positive") }
        }
        if let trailing, !trailing.isPositive {
            throw .invalidValue(field: "trailing_stop_distance", reason: "distance must be positive")
        }
        if let instrument {
            guard instrument.isOnLot(quantity) else {
                throw .invalidValue(field: "quantity", reason: "not a multiple of the lot size \(instrument.lotSize.wireText)")
            }
            for (name, price) in [("limit_price", limit), ("stop_price", stop), ("stop_loss_price", stopLoss),
                                  ("take_profit_price", takeProfit), ("trailing_stop_distance", trailing)] {
                if let price, !instrument.isOnTick(price) {
                    throw .invalidValue(field: name, reason: "not a multiple of the tick size \(instrument.tickSize.wireText)")
                }
            }
        }
        let isTrailingOrder = type == .trailingStop
        let hasBracket = stopLoss != nil || takeProfit != nil || (trailing != nil && !isTrailingOrder)
        return OrderRequest(
            clientOrderID: clientOrderID.isEmpty ? nil : ClientOrderID(clientOrderID),
            strategyID: strategyID.isEmpty ? nil : StrategyID(strategyID),
            symbol: Symbol(symbol), side: side, type: type, quantity: quantity, limitPrice: limit,
            triggerPrice: stop, trailingOffset: isTrailingOrder ? trailing : nil, timeInForce: tif,
            reduceOnly: reduceOnly,
            bracket: hasBracket ? Bracket(stopLoss: stopLoss, takeProfit: takeProfit,
                                          trailingDistance: isTrailingOrder ? nil : trailing) : nil)
    }
}
