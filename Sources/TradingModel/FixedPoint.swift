/// The one scale shared by `Price`, `Quantity` and `Money`.
///
/// Every value is an `Int64` count of 10^-8 units. One shared scale means adding and
/// comparing never rescale, and a price times a quantity is one 128-bit multiply and
/// one division. Eight decimals cover FX pipettes (5), equities (2) and crypto lots;
/// an instrument is refused when its tick, lot and multiplier decimals together exceed
/// eight, so every notional the engine computes is exact.
public enum FixedPoint {
    /// Decimal places of every raw value.
    public static let decimals = 8
    /// 10^decimals.
    public static let scale: Int64 = 100_000_000

    /// Parses a plain decimal string (`"1.07219"`, `"-12.5"`, `"+3"`) into raw units.
    ///
    /// Refuses exponents, NaN, spaces, empty strings, more than eight significant
    /// decimals and values outside `Int64` — nothing is rounded.
    public static func parse(_ text: some StringProtocol) throws(DecimalParseError) -> Int64 {
        var negative = false
        var integer: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var digits = 0
        var seenPoint = false
        var first = true
        for byte in text.utf8 {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "-") where first: negative = true
            case UInt8(ascii: "+") where first: continue
            case UInt8(ascii: ".") where !seenPoint: seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let d = Int64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint {
                    if fractionDigits == decimals {
                        if d != 0 { throw .tooManyDecimals(String(text)) }
                        continue
                    }
                    fraction = fraction * 10 + d
                    fractionDigits += 1
                } else {
                    let (m, o1) = integer.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(d)
                    if o1 || o2 { throw .outOfRange(String(text)) }
                    integer = a
                }
            default:
                throw .invalidCharacter(String(text))
            }
        }
        if digits == 0 { throw text.isEmpty ? .empty : .invalidCharacter(String(text)) }
        for _ in fractionDigits..<decimals { fraction *= 10 }
        let (scaled, o1) = integer.multipliedReportingOverflow(by: scale)
        let (raw, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { throw .outOfRange(String(text)) }
        return negative ? -raw : raw
    }

    /// Formats raw units as the shortest exact decimal string, padded to at least
    /// `minimumDecimals` places (an instrument's precision). Never loses digits.
    public static func format(_ raw: Int64, minimumDecimals: Int = 0) -> String {
        let negative = raw < 0
        let magnitude = raw.magnitude
        let scaleU = UInt64(scale)
        let integer = magnitude / scaleU
        var fraction = magnitude % scaleU
        var fractionDigits = decimals
        while fractionDigits > max(0, minimumDecimals), fraction % 10 == 0 {
            fraction /= 10
            fractionDigits -= 1
        }
        var out = negative ? "-" : ""
        out += String(integer)
        if fractionDigits > 0 {
            let f = String(fraction)
            out += "."
            out += String(repeating: "0", count: fractionDigits - f.count)
            out += f
        }
        return out
    }

    /// Number of decimals actually used by `raw` (0...8): `0.00001` has 5.
    public static func decimalsUsed(_ raw: Int64) -> Int {
        var fraction = raw.magnitude % UInt64(scale)
        if fraction == 0 { return 0 }
        var n = decimals
        while fraction % 10 == 0 { fraction /= 10; n -= 1 }
        return n
    }

    /// `a * b / scale`, exact when the result fits the scale, otherwise rounded half
    /// to even at the last raw unit; overflow is an error.
    @inlinable
    public static func multiply(_ a: Int64, _ b: Int64) throws(ArithmeticError) -> Int64 {
        try divideRounded(Int128(a) * Int128(b), by: Int128(scale))
    }

    /// `n / d` rounded half to even, narrowed to `Int64` (overflow is an error).
    @inlinable
    public static func divideRounded(_ n: Int128, by d: Int128) throws(ArithmeticError) -> Int64 {
        if d == 0 { throw .divisionByZero }
        var q = n / d
        let r = n % d
        let twice = r.magnitude * 2
        if twice > d.magnitude || (twice == d.magnitude && q % 2 != 0) {
            q += ((n < 0) != (d < 0)) ? -1 : 1
        }
        guard let narrowed = Int64(exactly: q) else { throw .overflow }
        return narrowed
    }

    /// `n / d` truncated toward zero, narrowed to `Int64`.
    @inlinable
    public static func divideTruncating(_ n: Int128, by d: Int128) throws(ArithmeticError) -> Int64 {
        if d == 0 { throw .divisionByZero }
        guard let narrowed = Int64(exactly: n / d) else { throw .overflow }
        return narrowed
    }
}
