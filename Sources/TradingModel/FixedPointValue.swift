/// Shared behaviour of the exact fixed-point types (`Price`, `Quantity`, `Money`).
///
/// The three are distinct types so a price can never be added to a quantity by
/// mistake; they share the raw representation described in `FixedPoint`.
public protocol FixedPointValue: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Count of 10^-8 units.
    var raw: Int64 { get }
    init(raw: Int64)
}

extension FixedPointValue {
    /// Parses an exact decimal string; see `FixedPoint.parse`.
    public init(_ text: some StringProtocol) throws(DecimalParseError) {
        self.init(raw: try FixedPoint.parse(text))
    }

    /// A whole number of units.
    public init(units: Int64) throws(ArithmeticError) {
        let (raw, overflow) = units.multipliedReportingOverflow(by: FixedPoint.scale)
        if overflow { throw .overflow }
        self.init(raw: raw)
    }

    public static var zero: Self { Self(raw: 0) }

    public var description: String { FixedPoint.format(raw) }

    /// Exact decimal string with at least `decimals` places.
    public func formatted(decimals: Int) -> String { FixedPoint.format(raw, minimumDecimals: decimals) }

    @inlinable public var isZero: Bool { raw == 0 }
    @inlinable public var isNegative: Bool { raw < 0 }
    @inlinable public var isPositive: Bool { raw > 0 }

    @inlinable
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }

    @inlinable
    public func adding(_ other: Self) throws(ArithmeticError) -> Self {
        let (r, o) = raw.addingReportingOverflow(other.raw)
        if o { throw .overflow }
        return Self(raw: r)
    }

    @inlinable
    public func subtracting(_ other: Self) throws(ArithmeticError) -> Self {
        let (r, o) = raw.subtractingReportingOverflow(other.raw)
        if o { throw .overflow }
        return Self(raw: r)
    }

    @inlinable
    public func negated() throws(ArithmeticError) -> Self {
        if raw == .min { throw .overflow }
        return Self(raw: -raw)
    }

    @inlinable
    public func magnitude() throws(ArithmeticError) -> Self {
        if raw == .min { throw .overflow }
        return Self(raw: raw < 0 ? -raw : raw)
    }

    /// |value|, saturating at the largest value (Int64.min has no positive counterpart);
    /// used where a position is turned into an order quantity and must not trap.
    @inlinable
    public var saturatingMagnitude: Self { Self(raw: raw == .min ? .max : (raw < 0 ? -raw : raw)) }

    /// Multiplies by a whole number.
    @inlinable
    public func multiplied(by n: Int64) throws(ArithmeticError) -> Self {
        let (r, o) = raw.multipliedReportingOverflow(by: n)
        if o { throw .overflow }
        return Self(raw: r)
    }

    /// Whether this value is a whole multiple of `increment` (a tick or lot size).
    @inlinable
    public func isMultiple(of increment: Self) -> Bool {
        increment.raw > 0 && raw % increment.raw == 0
    }

    /// Rounds toward zero to a multiple of `increment` (used only by sizing, which
    /// must never round up into more risk than asked for).
    @inlinable
    public func truncated(toMultipleOf increment: Self) -> Self {
        guard increment.raw > 0 else { return self }
        return Self(raw: raw - raw % increment.raw)
    }

    /// Basis-point fraction of this value (`bps` / 10 000), truncated toward zero.
    @inlinable
    public func fraction(basisPoints bps: Int64) throws(ArithmeticError) -> Self {
        Self(raw: try FixedPoint.divideTruncating(Int128(raw) * Int128(bps), by: 10_000))
    }
}
