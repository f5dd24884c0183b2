import Testing
import TradingProtocol
import WireFormat

@Suite("Wire decimals")
struct WireDecimalTests {
    @Test("valid google.type.Decimal strings parse exactly", arguments: [
        ("1.07219", Int64(107_219), 5), ("-12.5", -125, 1), ("0", 0, 0), ("-0", 0, 0), ("+3", 3, 0),
        ("5.", 5, 0), (".5", 5, 1), ("-.25", -25, 2), ("1.50", 15, 1), ("007.0100", 701, 2),
        ("9223372036854775807", Int64.max, 0), ("-9223372036854775808", Int64.min, 0),
        ("0.000000000000000001", 1, 18), ("92233720368.54775807", Int64.max, 8),
    ])
    func parses(text: String, mantissa: Int64, scale: Int) throws {
        let value = try WireDecimal.parse(text, field: "price")
        #expect(value.mantissa == mantissa)
        #expect(value.scale == scale)
    }

    @Test("malformed decimals are rejected with an error naming the field", arguments: [
        ("", "decimal is empty"), ("abc", "unexpected character in decimal"), ("1e5", "exponent notation is not accepted"),
        ("1.5E-3", "exponent notation is not accepted"), ("NaN", "NaN and Infinity are not accepted"),
        ("-Infinity", "NaN and Infinity are not accepted"), ("inf", "NaN and Infinity are not accepted"),
        ("1.2.3", "more than one decimal point"), ("1-2", "misplaced sign"), ("--1", "misplaced sign"),
        (" 1", "unexpected character in decimal"), ("1 ", "unexpected character in decimal"),
        ("1,000", "unexpected character in decimal"), (".", "decimal has no digits"), ("-", "decimal has no digits"),
        ("9223372036854775808", "decimal out of range"), ("-9223372036854775809", "decimal out of range"),
        ("99999999999999999999", "decimal out of range"), ("0.0000000000000000001", "more than 18 decimal places"),
        ("0x10", "unexpected character in decimal"), ("١", "unexpected character in decimal"),
        (String(repeating: "1", count: 49), "decimal longer than 48 characters"),
    ])
    func rejects(text: String, reason: String) {
        #expect(throws: WireDecodingError.invalidValue(field: "limit_price", reason: reason)) {
            try WireDecimal.parse(text, field: "limit_price")
        }
    }

    @Test("an empty string means not set where the schema says so")
    func optionalParse() throws {
        #expect(try WireDecimal.parseOptional("", field: "stop_price") == nil)
        #expect(try WireDecimal.parseOptional("1.5", field: "stop_price") == WireDecimal(mantissa: 15, scale: 1))
    }

    @Test("formatting writes exactly scale fraction digits", arguments: [
        (Int64(107_219), 5, "1.07219"), (-125, 1, "-12.5"), (-5, 3, "-0.005"), (0, 0, "0"), (0, 2, "0.00"),
        (Int64.min, 0, "-9223372036854775808"), (Int64.min, 18, "-9.223372036854775808"), (42, 0, "42"),
    ])
    func formats(mantissa: Int64, scale: Int, text: String) throws {
        #expect(WireDecimal.format(mantissa: mantissa, scale: scale) == text)
        #expect(try WireDecimal.parse(text, field: "x").normalized == WireDecimal(mantissa: mantissa, scale: scale).normalized)
    }

    @Test("scaling to an instrument precision is exact or an error, never rounding", arguments: [
        ("1.07219", 5, Int64(107_219)), ("1.5", 5, 150_000), ("12", 2, 1200), ("-0.01", 2, -1),
    ])
    func scales(text: String, scale: Int, units: Int64) throws {
        #expect(try WireDecimal.parse(text, field: "quantity").scaled(to: scale, field: "quantity") == units)
    }

    @Test("a value finer than the instrument's precision is rejected, not rounded")
    func finerThanTick() {
        #expect(throws: WireDecodingError.invalidValue(field: "limit_price", reason: "more than 5 decimal places")) {
            try WireDecimal.parse("1.072195", field: "limit_price").scaled(to: 5, field: "limit_price")
        }
        #expect(throws: WireDecodingError.invalidValue(field: "quantity", reason: "decimal out of range")) {
            try WireDecimal.parse("92233720368547758", field: "quantity").scaled(to: 3, field: "quantity")
        }
    }

    @Test("random decimals survive format -> parse exactly")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let value = WireDecimal(mantissa: Int64(bitPattern: generator.next()), scale: Int.random(in: 0...18, using: &generator))
            #expect(try WireDecimal.parse(value.description, field: "x") == value.normalized)
        }
    }
}
