/// A NETTING position: one signed quantity per instrument, average-cost accounting.
///
/// Instead of an (inexact) average price the position keeps its exact `costBasis`
/// (Σ signed quantity × price × multiplier of the open part). Closing part of it removes
/// a proportional share of the cost basis (rounded at the last raw unit); because the
/// removed and remaining shares always add up to the old basis, realized plus
/// unrealized P&L equals the cash-and-mark change exactly, and nothing drifts.
public struct Position: Hashable, Sendable, Codable {
    public let symbol: Symbol
    /// Signed: positive long, negative short, zero flat.
    public private(set) var quantity: Quantity
    /// Signed cost of the open quantity (quantity × entry prices × multiplier).
    public private(set) var costBasis: Money
    /// Realized P&L before commissions, exact.
    public private(set) var realizedPnL: Money
    /// Commissions paid on this instrument.
    public private(set) var commissions: Money
    /// Last price seen (for unrealized P&L), nil before any market data or fill.
    public private(set) var lastPrice: Price?
    public private(set) var updatedAt: Timestamp

    public init(symbol: Symbol) {
        self.symbol = symbol
        self.quantity = .zero
        self.costBasis = .zero
        self.realizedPnL = .zero
        self.commissions = .zero
        self.lastPrice = nil
        self.updatedAt = .zero
    }

    public var isFlat: Bool { quantity.isZero }

    /// Average entry price (display only; books use `costBasis`).
    public func averageEntryPrice(multiplier: Quantity) -> Price? {
        guard !quantity.isZero,
              let raw = try? FixedPoint.divideRounded(
                Int128(costBasis.raw) * Int128(FixedPoint.scale) * Int128(FixedPoint.scale),
                by: Int128(quantity.raw) * Int128(multiplier.raw))
        else { return nil }
        return Price(raw: raw)
    }

    /// Signed mark value at the last price (zero when flat or unpriced).
    public func marketValue(multiplier: Quantity) throws(ArithmeticError) -> Money {
        guard let lastPrice, !quantity.isZero else { return .zero }
        return try lastPrice.notional(quantity, multiplier: multiplier)
    }

    /// Unrealized P&L at the last price.
    public func unrealizedPnL(multiplier: Quantity) throws(ArithmeticError) -> Money {
        guard lastPrice != nil, !quantity.isZero else { return .zero }
        return try marketValue(multiplier: multiplier).subtracting(costBasis)
    }

    /// Updates the last price used for marking.
    public mutating func mark(_ price: Price, at time: Timestamp) {
        lastPrice = price
        updatedAt = time
    }

    /// Applies a fill; returns the realized P&L it produced (before commission).
    @discardableResult
    public mutating func apply(_ fill: Fill, multiplier: Quantity) throws(ArithmeticError) -> Money {
        let signed = fill.side == .buy ? fill.quantity.raw : -fill.quantity.raw
        var newQuantity = quantity.raw
        var newBasis = costBasis
        var realized = Money.zero
        var opening = signed
        if quantity.raw != 0 && (quantity.raw > 0) != (signed > 0) {
            // Closing (part of) the position.
            let closeMagnitude = min(signed.magnitude, quantity.raw.magnitude)
            let close = quantity.raw > 0 ? Int64(closeMagnitude) : -Int64(closeMagnitude)
            let removed: Money
            if closeMagnitude == quantity.raw.magnitude {
                removed = costBasis
            } else {
                removed = Money(raw: try FixedPoint.divideRounded(Int128(costBasis.raw) * Int128(close),
                                                                  by: Int128(quantity.raw)))
            }
            let exitValue = try fill.price.notional(Quantity(raw: close), multiplier: multiplier)
            realized = try exitValue.subtracting(removed)
            newBasis = try newBasis.subtracting(removed)
            newQuantity -= close
            opening = signed &+ close
        }
        if opening != 0 {
            newBasis = try newBasis.adding(try fill.price.notional(Quantity(raw: opening), multiplier: multiplier))
            let (q, o) = newQuantity.addingReportingOverflow(opening)
            if o { throw .overflow }
            newQuantity = q
        }
        let newRealized = try realizedPnL.adding(realized)
        let newCommissions = try commissions.adding(fill.commission)
        quantity = Quantity(raw: newQuantity)
        costBasis = newQuantity == 0 ? .zero : newBasis
        realizedPnL = newRealized
        commissions = newCommissions
        lastPrice = fill.price
        updatedAt = fill.timestamp
        return realized
    }
}
