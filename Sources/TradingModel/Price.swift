/// An exact price in the instrument's quote currency per unit (fixed point, 8 decimals).
///
/// May be negative (spreads, some futures); order validation refuses non-positive
/// limit prices where they make no sense.
public struct Price: FixedPointValue {
    public let raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}

extension Price {
    /// Price × quantity × contract multiplier as money, exact for valid instruments.
    @inlinable
    public func notional(_ quantity: Quantity, multiplier: Quantity) throws(ArithmeticError) -> Money {
        let pq = Int128(raw) * Int128(quantity.raw)
        let (full, o) = pq.multipliedReportingOverflow(by: Int128(multiplier.raw))
        if o { throw .overflow }
        return Money(raw: try FixedPoint.divideRounded(full, by: Int128(FixedPoint.scale) * Int128(FixedPoint.scale)))
    }
}
