/// A tradable instrument and the increments every order must respect.
///
/// Invariant checked at construction: tick, lot and multiplier decimals together fit
/// `FixedPoint.decimals`, so price × quantity × multiplier is always exact.
public struct Instrument: Hashable, Sendable, Codable {
    public let symbol: Symbol
    /// Smallest price increment; every order price must be a multiple.
    public let tickSize: Price
    /// Smallest quantity increment; every order quantity must be a multiple.
    public let lotSize: Quantity
    /// Smallest order quantity accepted.
    public let minQuantity: Quantity
    /// Money per unit of price per unit of quantity (1 for spot FX and shares).
    public let multiplier: Quantity
    /// ISO code of the currency prices are quoted in (the account currency here).
    public let quoteCurrency: String

    public init(symbol: Symbol, tickSize: Price, lotSize: Quantity, minQuantity: Quantity? = nil,
                multiplier: Quantity = Quantity(raw: FixedPoint.scale), quoteCurrency: String = "USD") throws(InstrumentError) {
        guard tickSize.isPositive else { throw .nonPositiveIncrement("tick size") }
        guard lotSize.isPositive else { throw .nonPositiveIncrement("lot size") }
        guard multiplier.isPositive else { throw .nonPositiveIncrement("multiplier") }
        let minQ = minQuantity ?? lotSize
        guard minQ.isPositive, minQ.isMultiple(of: lotSize) else { throw .minQuantityNotOnLot }
        let used = FixedPoint.decimalsUsed(tickSize.raw) + FixedPoint.decimalsUsed(lotSize.raw)
            + FixedPoint.decimalsUsed(multiplier.raw)
        guard used <= FixedPoint.decimals else { throw .tooPrecise(used) }
        self.symbol = symbol
        self.tickSize = tickSize
        self.lotSize = lotSize
        self.minQuantity = minQ
        self.multiplier = multiplier
        self.quoteCurrency = quoteCurrency
    }

    /// Decimals a price of this instrument is shown with (from the tick size).
    public var priceDecimals: Int { FixedPoint.decimalsUsed(tickSize.raw) }

    /// Whether `price` lies on the tick grid.
    @inlinable public func isOnTick(_ price: Price) -> Bool { price.isMultiple(of: tickSize) }

    /// Whether `quantity` lies on the lot grid.
    @inlinable public func isOnLot(_ quantity: Quantity) -> Bool { quantity.isMultiple(of: lotSize) }

    /// Exact notional of `quantity` at `price`.
    @inlinable
    public func notional(_ quantity: Quantity, at price: Price) throws(ArithmeticError) -> Money {
        try price.notional(quantity, multiplier: multiplier)
    }

    /// Parses a price and refuses one finer than the tick (never rounds).
    public func price(_ text: String) throws(InstrumentError) -> Price {
        let p: Price
        do { p = try Price(text) } catch { throw .badDecimal(error) }
        guard isOnTick(p) else { throw .offTick(text) }
        return p
    }

    /// Parses a quantity and refuses one finer than the lot (never rounds).
    public func quantity(_ text: String) throws(InstrumentError) -> Quantity {
        let q: Quantity
        do { q = try Quantity(text) } catch { throw .badDecimal(error) }
        guard isOnLot(q) else { throw .offLot(text) }
        return q
    }
}
