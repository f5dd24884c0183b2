/// An exact amount of the account currency (fixed point, 8 decimals).
///
/// The engine runs one account in one currency, so `Money` carries no currency code;
/// the account and instrument say which currency it is.
public struct Money: FixedPointValue {
    public let raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}

extension Money {
    /// Rounds half away from zero to `decimals` places (commissions are charged in cents).
    public func rounded(decimals: Int) throws(ArithmeticError) -> Money {
        guard decimals < FixedPoint.decimals else { return self }
        var unit: Int64 = 1
        for _ in 0..<(FixedPoint.decimals - max(0, decimals)) { unit *= 10 }
        let remainder = raw % unit
        let base = raw - remainder
        guard remainder.magnitude * 2 >= unit.magnitude else { return Money(raw: base) }
        let (r, o) = base.addingReportingOverflow(raw < 0 ? -unit : unit)
        if o { throw .overflow }
        return Money(raw: r)
    }

    /// This amount as a `Double`, for statistics only (Sharpe, returns) — never for books.
    public var approximateDouble: Double { Double(raw) / Double(FixedPoint.scale) }
}
