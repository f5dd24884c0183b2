/// An exact quantity of instrument units (fixed point, 8 decimals).
///
/// Order quantities are positive; a position's quantity is signed (negative = short).
public struct Quantity: FixedPointValue {
    public let raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}
