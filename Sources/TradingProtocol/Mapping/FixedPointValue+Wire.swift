import TradingModel
import WireFormat

/// Wire decimal text <-> the domain's exact fixed-point values (`Price`, `Quantity`, `Money`).
///
/// Parsing goes through `WireDecimal` (strict google.type.Decimal: no exponent, NaN, Infinity,
/// whitespace) and then scales exactly to `FixedPoint.decimals`; anything finer is refused, never
/// rounded. Errors are `WireDecodingError.invalidValue` naming the field (INVALID_ARGUMENT).
extension FixedPointValue {
    /// Parses a required decimal field; "" is an error.
    public init(wire text: String, field: String) throws(WireDecodingError) {
        let decimal = try WireDecimal.parse(text, field: field)
        guard decimal.scale <= FixedPoint.decimals else {
            throw .invalidValue(field: field, reason: "more than \(FixedPoint.decimals) decimal places")
        }
        self.init(raw: try decimal.scaled(to: FixedPoint.decimals, field: field))
    }

    /// Parses an optional decimal field: "" (the proto3 default) is nil.
    public static func wireOptional(_ text: String, field: String) throws(WireDecodingError) -> Self? {
        text.isEmpty ? nil : try Self(wire: text, field: field)
    }

    /// The exact decimal text for the wire (shortest form: "1.5", "-0.00001", "42").
    public var wireText: String { FixedPoint.format(raw) }
}

extension Optional where Wrapped: FixedPointValue {
    /// The wire text of an optional value; nil is "" (not set).
    public var wireText: String { map { FixedPoint.format($0.raw) } ?? "" }
}
