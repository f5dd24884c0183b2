/// An order the engine created, with its status and fills so far.
///
/// Mutated only through `apply(_:at:)` and `recordFill(_:)`, which enforce the state
/// machine and refuse overfills; the engine stores the resulting value in events so
/// state can be rebuilt by replaying them.
public struct Order: Hashable, Sendable, Codable {
    public let id: OrderID
    public let request: OrderRequest
    public let createdAt: Timestamp
    /// Orders placed by the engine itself to exit (stops, kill-switch flatten).
    public let isExit: Bool
    public private(set) var status: OrderStatus
    public private(set) var filledQuantity: Quantity
    /// Σ price × quantity of fills (no multiplier), for the average fill price.
    public private(set) var filledCost: Money
    public private(set) var updatedAt: Timestamp
    /// Set when a fill-timeout was flagged for this order.
    public private(set) var fillTimedOut: Bool

    public init(id: OrderID, request: OrderRequest, createdAt: Timestamp, isExit: Bool = false,
                status: OrderStatus = .pendingNew) {
        self.id = id
        self.request = request
        self.createdAt = createdAt
        self.isExit = isExit
        self.status = status
        self.filledQuantity = .zero
        self.filledCost = .zero
        self.updatedAt = createdAt
        self.fillTimedOut = false
    }

    public var symbol: Symbol { request.symbol }
    public var side: OrderSide { request.side }
    public var quantity: Quantity { request.quantity }
    public var clientOrderID: ClientOrderID? { request.clientOrderID }
    public var strategyID: StrategyID? { request.strategyID }
    public var leavesQuantity: Quantity { Quantity(raw: request.quantity.raw - filledQuantity.raw) }

    /// Average fill price, rounded half to even at 8 decimals (display only).
    public var averageFillPrice: Price? {
        guard filledQuantity.isPositive,
              let raw = try? FixedPoint.divideRounded(Int128(filledCost.raw) * Int128(FixedPoint.scale),
                                                       by: Int128(filledQuantity.raw))
        else { return nil }
        return Price(raw: raw)
    }

    /// Applies a non-fill trigger through the state machine.
    public mutating func apply(_ trigger: OrderStatusTrigger, at time: Timestamp) throws(IllegalTransition) {
        switch status.next(on: trigger, hasFills: filledQuantity.isPositive) {
        case .success(let next):
            status = next
            updatedAt = time
        case .failure(let error):
            throw error
        }
    }

    /// Records a fill of `quantity` at `price`: refuses an overfill and illegal states.
    public mutating func recordFill(quantity: Quantity, price: Price, at time: Timestamp) throws(OrderFillError) {
        guard quantity.isPositive else { throw .nonPositiveQuantity }
        guard quantity.raw <= leavesQuantity.raw else {
            throw .overfill(leaves: leavesQuantity, attempted: quantity)
        }
        let complete = quantity.raw == leavesQuantity.raw
        let next: OrderStatus
        switch status.next(on: complete ? .fill : .partialFill, hasFills: true) {
        case .success(let s): next = s
        case .failure(let e): throw .illegal(e)
        }
        let cost: Money
        do {
            cost = try filledCost.adding(Money(raw: try FixedPoint.multiply(price.raw, quantity.raw)))
        } catch { throw .arithmetic(error) }
        filledQuantity = Quantity(raw: filledQuantity.raw + quantity.raw)
        filledCost = cost
        status = next
        updatedAt = time
    }

    /// Marks the order as having missed its fill deadline (counted once).
    public mutating func flagFillTimeout(at time: Timestamp) {
        fillTimedOut = true
        updatedAt = time
    }
}
