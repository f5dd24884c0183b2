import TradingModel

/// Hand-written binary payload encoding of the engine events every order journals.
///
/// Why: each accepted order journals three to four of these events (submitted, acknowledged,
/// cancelled or filled, position changed); through `Codable` they were about a sixth of the
/// server's CPU per order. The bytes are exactly those the generic `BinaryPayloadEncoder` writes
/// for the same value (the synthesized `Codable` layout: a keyed container per struct with keys in
/// declaration order, absent optionals omitted, `{"case": {"_0": value}}` for an enum case), so
/// nothing that reads journals changes. Tests compare both encoders on many random events.
///
/// Only the cases listed in `encode(_:into:)` are hand-written; it returns false for every other
/// case, and the caller falls back to the generic encoder. A field added to one of these types
/// must be added here too — the byte-equality tests fail until it is.
public enum EngineEventPayloadEncoder {
    /// The event's payload, or nil when its case is not hand-written (use the generic encoder).
    public static func encode(_ event: EngineEvent) -> [UInt8]? {
        var writer = BinaryPayloadWriter(capacity: 512)
        guard encode(event, into: &writer) else { return nil }
        return writer.bytes
    }

    /// Appends the event as one value (a keyed container); false (and nothing written) for a
    /// case that is not hand-written.
    public static func encode(_ event: EngineEvent, into w: inout BinaryPayloadWriter) -> Bool {
        switch event {
        case .orderSubmitted(let order): orderCase("orderSubmitted", order, &w)
        case .orderAccepted(let order): orderCase("orderAccepted", order, &w)
        case .orderCancelRequested(let order): orderCase("orderCancelRequested", order, &w)
        case .orderCancelled(let order): orderCase("orderCancelled", order, &w)
        case .orderExpired(let order): orderCase("orderExpired", order, &w)
        case .orderStatusUnknown(let order): orderCase("orderStatusUnknown", order, &w)
        case .positionChanged(let position):
            let outer = w.beginKeyed()
            w.key("positionChanged")
            let inner = w.beginKeyed()
            w.key("_0")
            encode(position, into: &w)
            w.end(inner)
            w.end(outer)
        case .orderFilled(let filled):
            let outer = w.beginKeyed()
            w.key("orderFilled")
            let inner = w.beginKeyed()
            w.key("_0")
            encode(filled, into: &w)
            w.end(inner)
            w.end(outer)
        default:
            return false
        }
        return true
    }

    @inline(__always)
    private static func orderCase(_ name: StaticString, _ order: Order, _ w: inout BinaryPayloadWriter) {
        let outer = w.beginKeyed()
        w.key(name)
        let inner = w.beginKeyed()
        w.key("_0")
        encode(order, into: &w)
        w.end(inner)
        w.end(outer)
    }

    // MARK: value types (synthesized Codable layouts; also used for snapshots)

    public static func encode(_ order: Order, into w: inout BinaryPayloadWriter) {
        encodeOrder(id: order.id, request: order.request, createdAt: order.createdAt, isExit: order.isExit,
                    status: order.status, filledQuantity: order.filledQuantity, filledCost: order.filledCost,
                    updatedAt: order.updatedAt, fillTimedOut: order.fillTimedOut, into: &w)
    }

    /// An `Order` from its fields (the layout `Order.init(from:)` reads). Also how a packed order
    /// list is turned back into orders: `Order` sets some of these fields only when decoded.
    @inline(__always)
    public static func encodeOrder(id: OrderID, request: OrderRequest, createdAt: Timestamp, isExit: Bool,
                                   status: OrderStatus, filledQuantity: Quantity, filledCost: Money,
                                   updatedAt: Timestamp, fillTimedOut: Bool, into w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        w.key("id"); uintBox("value", id.value, &w)
        w.key("request"); encode(request, into: &w)
        w.key("createdAt"); timestamp(createdAt, &w)
        w.key("isExit"); w.bool(isExit)
        w.key("status"); w.string(status.rawValue)
        w.key("filledQuantity"); raw(filledQuantity.raw, &w)
        w.key("filledCost"); raw(filledCost.raw, &w)
        w.key("updatedAt"); timestamp(updatedAt, &w)
        w.key("fillTimedOut"); w.bool(fillTimedOut)
        w.end(mark)
    }

    public static func encode(_ request: OrderRequest, into w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        if let id = request.clientOrderID { w.key("clientOrderID"); stringBox(id.value, &w) }
        if let id = request.strategyID { w.key("strategyID"); stringBox(id.value, &w) }
        w.key("symbol"); stringBox(request.symbol.value, &w)
        w.key("side"); w.string(request.side.rawValue)
        w.key("type"); w.string(request.type.rawValue)
        w.key("quantity"); raw(request.quantity.raw, &w)
        if let price = request.limitPrice { w.key("limitPrice"); raw(price.raw, &w) }
        if let price = request.triggerPrice { w.key("triggerPrice"); raw(price.raw, &w) }
        if let price = request.trailingOffset { w.key("trailingOffset"); raw(price.raw, &w) }
        w.key("timeInForce"); w.string(request.timeInForce.rawValue)
        w.key("reduceOnly"); w.bool(request.reduceOnly)
        if let bracket = request.bracket {
            w.key("bracket")
            let inner = w.beginKeyed()
            if let price = bracket.stopLoss { w.key("stopLoss"); raw(price.raw, &w) }
            if let price = bracket.takeProfit { w.key("takeProfit"); raw(price.raw, &w) }
            if let price = bracket.trailingDistance { w.key("trailingDistance"); raw(price.raw, &w) }
            w.end(inner)
        }
        w.end(mark)
    }

    public static func encode(_ position: Position, into w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        w.key("symbol"); stringBox(position.symbol.value, &w)
        w.key("quantity"); raw(position.quantity.raw, &w)
        w.key("costBasis"); raw(position.costBasis.raw, &w)
        w.key("realizedPnL"); raw(position.realizedPnL.raw, &w)
        w.key("commissions"); raw(position.commissions.raw, &w)
        if let price = position.lastPrice { w.key("lastPrice"); raw(price.raw, &w) }
        w.key("updatedAt"); timestamp(position.updatedAt, &w)
        w.end(mark)
    }

    public static func encode(_ filled: OrderFilled, into w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        w.key("fill"); encode(filled.fill, into: &w)
        w.key("order"); encode(filled.order, into: &w)
        w.key("position"); encode(filled.position, into: &w)
        w.key("realizedPnL"); raw(filled.realizedPnL.raw, &w)
        w.key("cash"); raw(filled.cash.raw, &w)
        w.end(mark)
    }

    public static func encode(_ fill: Fill, into w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        w.key("tradeID"); stringBox(fill.tradeID.value, &w)
        w.key("orderID"); uintBox("value", fill.orderID.value, &w)
        w.key("symbol"); stringBox(fill.symbol.value, &w)
        w.key("side"); w.string(fill.side.rawValue)
        w.key("quantity"); raw(fill.quantity.raw, &w)
        w.key("price"); raw(fill.price.raw, &w)
        w.key("commission"); raw(fill.commission.raw, &w)
        w.key("timestamp"); timestamp(fill.timestamp, &w)
        w.end(mark)
    }

    /// A `FixedPointValue` (`Price`, `Quantity`, `Money`): `{"raw": Int64}`.
    @inline(__always)
    private static func raw(_ value: Int64, _ w: inout BinaryPayloadWriter) { intBox("raw", value, &w) }

    /// `Timestamp`: `{"nanoseconds": Int64}`.
    @inline(__always)
    private static func timestamp(_ value: Timestamp, _ w: inout BinaryPayloadWriter) {
        intBox("nanoseconds", value.nanoseconds, &w)
    }

    /// A one-field keyed value holding a signed integer: `{key: Int64}`.
    @inline(__always)
    private static func intBox(_ key: StaticString, _ value: Int64, _ w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        w.key(key)
        w.int(value)
        w.end(mark)
    }

    /// A string wrapper (`Symbol`, `ClientOrderID`, `StrategyID`, `TradeID`): `{"value": String}`.
    @inline(__always)
    private static func stringBox(_ value: String, _ w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        w.key("value")
        w.string(value)
        w.end(mark)
    }

    /// An unsigned wrapper (`OrderID`): `{"value": UInt64}`.
    @inline(__always)
    private static func uintBox(_ key: StaticString, _ value: UInt64, _ w: inout BinaryPayloadWriter) {
        let mark = w.beginKeyed()
        w.key(key)
        w.uint(value)
        w.end(mark)
    }
}
