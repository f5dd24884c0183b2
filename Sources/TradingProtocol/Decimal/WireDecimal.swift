import WireFormat

/// An exact decimal as it crosses the wire: a string in `google.type.Decimal` form ("1.07219",
/// "-12.5", "5.", ".5"), held as an unscaled `Int64` and a scale (digits after the point).
///
/// Parsing is strict because the value may become an order price: exponents, NaN, Infinity,
/// whitespace, thousands separators, more than 18 significant decimal places and values beyond
/// `Int64` are refused with `WireDecodingError.invalidValue` naming the field, which the RPC layer
/// answers with INVALID_ARGUMENT. Nothing is ever rounded.
public struct WireDecimal: Sendable, Hashable, CustomStringConvertible {
    /// The value times 10^scale.
    public let mantissa: Int64
    /// Digits after the decimal point, 0 ... `maxScale`.
    public let scale: Int

    /// The most decimal places a wire decimal may carry (Int64 holds 18 full digits).
    public static let maxScale = 18
    /// Longest accepted text; anything longer cannot fit an Int64 anyway.
    public static let maxLength = 48

    public init(mantissa: Int64, scale: Int) {
        self.mantissa = mantissa
        self.scale = max(0, min(scale, WireDecimal.maxScale))
    }

    /// Parses `text`; "" is an error (use `parseOptional` where "" means "not set").
    public static func parse(_ text: String, field: String) throws(WireDecodingError) -> WireDecimal {
        guard !text.isEmpty else { throw .invalidValue(field: field, reason: "decimal is empty") }
        guard text.utf8.count <= maxLength else {
            throw .invalidValue(field: field, reason: "decimal longer than \(maxLength) characters")
        }
        var negative = false
        var digitsBefore = 0
        var digitsAfter = 0
        var sawPoint = false
        var magnitude: UInt64 = 0
        var scale = 0
        var pendingZeros = 0  // fraction zeros not yet applied, so trailing zeros never overflow
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard index == 0 else { throw .invalidValue(field: field, reason: "misplaced sign") }
                negative = byte == UInt8(ascii: "-")
            case UInt8(ascii: "."):
                guard !sawPoint else { throw .invalidValue(field: field, reason: "more than one decimal point") }
                sawPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = UInt64(byte - UInt8(ascii: "0"))
                if sawPoint {
                    digitsAfter += 1
                    if digit == 0 { pendingZeros += 1; continue }
                    for _ in 0...pendingZeros {
                        magnitude = try multiplyByTen(magnitude, field: field)
                    }
                    scale += pendingZeros + 1
                    pendingZeros = 0
                    magnitude = try add(magnitude, digit, field: field)
                    guard scale <= maxScale else {
                        throw .invalidValue(field: field, reason: "more than \(maxScale) decimal places")
                    }
                } else {
                    digitsBefore += 1
                    magnitude = try add(try multiplyByTen(magnitude, field: field), digit, field: field)
                }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if isNonNumber(text) { throw .invalidValue(field: field, reason: "NaN and Infinity are not accepted") }
                throw .invalidValue(field: field, reason: "exponent notation is not accepted")
            default:
                if isNonNumber(text) { throw .invalidValue(field: field, reason: "NaN and Infinity are not accepted") }
                throw .invalidValue(field: field, reason: "unexpected character in decimal")
            }
        }
        guard digitsBefore + digitsAfter > 0 else { throw .invalidValue(field: field, reason: "decimal has no digits") }
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        guard magnitude <= limit else { throw .invalidValue(field: field, reason: "decimal out of range") }
        let signed = negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
        return WireDecimal(mantissa: signed, scale: scale)
    }

    /// Parses `text`, mapping "" to nil (the schema's "not set").
    public static func parseOptional(_ text: String, field: String) throws(WireDecodingError) -> WireDecimal? {
        text.isEmpty ? nil : try parse(text, field: field)
    }

    /// The value as an integer count of 10^-`targetScale` units, exactly: a value with non-zero
    /// digits finer than `targetScale` (finer than the instrument's tick or lot) is an error, never rounded.
    public func scaled(to targetScale: Int, field: String) throws(WireDecodingError) -> Int64 {
        if targetScale >= scale {
            var value = mantissa
            for _ in 0..<(targetScale - scale) {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { throw .invalidValue(field: field, reason: "decimal out of range") }
                value = next
            }
            return value
        }
        var divisor: Int64 = 1
        for _ in 0..<(scale - targetScale) { divisor *= 10 }
        let (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: divisor)
        guard remainder == 0 else {
            throw .invalidValue(field: field, reason: "more than \(targetScale) decimal places")
        }
        return quotient
    }

    /// Canonical text: "-12.5", "0.005", "42"; exactly `scale` fraction digits.
    public var description: String { WireDecimal.format(mantissa: mantissa, scale: scale) }

    /// Formats an unscaled integer with `scale` decimal places ("-0.005" for (-5, 3)).
    public static func format(mantissa: Int64, scale: Int) -> String {
        let magnitude = mantissa.magnitude
        var digits = String(magnitude)
        guard scale > 0 else { return mantissa < 0 ? "-" + digits : digits }
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let pointIndex = digits.index(digits.endIndex, offsetBy: -scale)
        let text = digits[..<pointIndex] + "." + digits[pointIndex...]
        return mantissa < 0 ? "-" + text : String(text)
    }

    /// The same value with trailing fraction zeros removed ("1.50" -> "1.5").
    public var normalized: WireDecimal {
        var m = mantissa
        var s = scale
        while s > 0, m % 10 == 0 { m /= 10; s -= 1 }
        return WireDecimal(mantissa: m, scale: s)
    }

    // MARK: - Helpers

    private static func multiplyByTen(_ value: UInt64, field: String) throws(WireDecodingError) -> UInt64 {
        let (result, overflow) = value.multipliedReportingOverflow(by: 10)
        guard !overflow else { throw .invalidValue(field: field, reason: "decimal out of range") }
        return result
    }

    private static func add(_ value: UInt64, _ digit: UInt64, field: String) throws(WireDecodingError) -> UInt64 {
        let (result, overflow) = value.addingReportingOverflow(digit)
        guard !overflow else { throw .invalidValue(field: field, reason: "decimal out of range") }
        return result
    }

    /// True for NaN / Infinity spellings, so the error says what was actually wrong.
    private static func isNonNumber(_ text: String) -> Bool {
        var body = Substring(text.lowercased())
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        return body == "nan" || body == "inf" || body == "infinity" || body == "snan"
    }
}
