import Testing
import TradingModel

@Suite("Fixed-point decimals")
struct FixedPointTests {
    @Test("decimal strings round-trip exactly", arguments: [
        ("1.07219", "1.07219"), ("-12.5", "-12.5"), ("0", "0"), ("+3", "3"), ("100", "100"),
        ("0.00000001", "0.00000001"), ("92233720368.54775807", "92233720368.54775807"),
        ("1.100000000000", "1.1"), ("-0.5", "-0.5"), (".5", "0.5"), ("5.", "5"),
    ])
    func roundTrip(input: String, canonical: String) throws {
        let p = try Price(input)
        #expect(p.description == canonical)
        #expect(try Price(p.description) == p)
    }

    @Test("malformed or too precise decimals are refused", arguments: [
        "", "abc", "1e5", "NaN", " 1", "1 ", "1.2.3", "--1", "1-", "0.000000001", "92233720368.54775808", "-", ".",
    ])
    func refused(input: String) {
        #expect(throws: DecimalParseError.self) { try Price(input) }
    }

    @Test("addition and subtraction report overflow instead of wrapping")
    func overflow() {
        let big = Money(raw: .max)
        #expect(throws: ArithmeticError.overflow) { try big.adding(Money(raw: 1)) }
        #expect(throws: ArithmeticError.overflow) { try Money(raw: .min).subtracting(Money(raw: 1)) }
        #expect(throws: ArithmeticError.overflow) { try Money(raw: .min).negated() }
        #expect(throws: ArithmeticError.overflow) { try Quantity(units: Int64.max / 10) }
    }

    @Test("notional is exact: price × quantity × multiplier")
    func notional() throws {
        let n = try Price("1.07219").notional(try Quantity("100000"), multiplier: try Quantity("1"))
        #expect(n == (try Money("107219")))
        let m = try Price("100.34").notional(try Quantity("3"), multiplier: try Quantity("50"))
        #expect(m == (try Money("15051")))
        #expect(throws: ArithmeticError.overflow) {
            try Price("90000000000").notional(try Quantity("90000000000"), multiplier: try Quantity("1"))
        }
    }

    @Test("formatting pads to the instrument precision without losing digits")
    func formatting() throws {
        #expect(try Price("1.5").formatted(decimals: 5) == "1.50000")
        #expect(try Price("1.123456").formatted(decimals: 2) == "1.123456")
        #expect(try Money("-0.01").formatted(decimals: 2) == "-0.01")
    }

    @Test("commissions round half away from zero to cents", arguments: [
        ("1.005", "1.01"), ("1.004", "1"), ("-1.005", "-1.01"), ("2.5", "2.5"), ("0.00499999", "0"),
    ])
    func rounding(input: String, expected: String) throws {
        #expect(try Money(input).rounded(decimals: 2) == (try Money(expected)))
    }
}

@Suite("Instruments")
struct InstrumentTests {
    let eurusd = try? Instrument(symbol: "EURUSD", tickSize: Price("0.00001"), lotSize: Quantity("1"))

    @Test("a price finer than the tick or a quantity finer than the lot is an error, never rounded")
    func offGrid() throws {
        let i = try #require(eurusd)
        #expect(try i.price("1.07219") == (try Price("1.07219")))
        #expect(throws: InstrumentError.offTick("1.072195")) { try i.price("1.072195") }
        #expect(throws: InstrumentError.offLot("1.5")) { try i.quantity("1.5") }
        #expect(try i.quantity("1000") == (try Quantity("1000")))
    }

    @Test("instruments whose products could not be exact are refused")
    func tooPrecise() {
        #expect(throws: InstrumentError.tooPrecise(10)) {
            try Instrument(symbol: "X", tickSize: Price("0.00001"), lotSize: Quantity("0.00001"))
        }
        #expect(throws: InstrumentError.nonPositiveIncrement("tick size")) {
            try Instrument(symbol: "X", tickSize: .zero, lotSize: Quantity("1"))
        }
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test("civil dates convert both ways", arguments: [
        (1970, 1, 1, 0, "1970-01-01T00:00:00Z"), (2017, 4, 19, 9, "2017-04-19T09:00:00Z"),
        (2004, 2, 29, 23, "2004-02-29T23:00:00Z"), (2000, 12, 31, 12, "2000-12-31T12:00:00Z"),
    ])
    func civil(y: Int, m: Int, d: Int, h: Int, text: String) throws {
        let t = try #require(Timestamp(year: y, month: m, day: d, hour: h))
        #expect(t.description == text)
    }

    @Test("impossible dates are refused")
    func impossible() {
        #expect(Timestamp(year: 2023, month: 2, day: 29) == nil)
        #expect(Timestamp(year: 2023, month: 13, day: 1) == nil)
        #expect(Timestamp(year: 2023, month: 1, day: 1, hour: 24) == nil)
    }
}
