import TradingModel

/// Instruments and values used across tests.
public enum Fixtures {
    /// EURUSD: tick 0.00001, lot 1.
    public static func eurusd() -> Instrument {
        // Constants known to be valid; a failure here is a programmer error in the fixture.
        guard let i = try? Instrument(symbol: "EURUSD", tickSize: Price(raw: 1_000), lotSize: Quantity(raw: FixedPoint.scale))
        else { preconditionFailure("EURUSD fixture is invalid") }
        return i
    }

    /// GOOG: tick 0.01, lot 1.
    public static func goog() -> Instrument {
        guard let i = try? Instrument(symbol: "GOOG", tickSize: Price(raw: 1_000_000), lotSize: Quantity(raw: FixedPoint.scale))
        else { preconditionFailure("GOOG fixture is invalid") }
        return i
    }

    /// A test instrument: tick 0.01, lot 1.
    public static func test(_ symbol: Symbol = "TEST") -> Instrument {
        guard let i = try? Instrument(symbol: symbol, tickSize: Price(raw: 1_000_000), lotSize: Quantity(raw: FixedPoint.scale))
        else { preconditionFailure("test fixture is invalid") }
        return i
    }

    /// Parses a decimal literal in test code (the literal is the programmer's).
    public static func price(_ s: String) -> Price { Price(raw: raw(s)) }
    public static func quantity(_ s: String) -> Quantity { Quantity(raw: raw(s)) }
    public static func money(_ s: String) -> Money { Money(raw: raw(s)) }

    private static func raw(_ s: String) -> Int64 {
        guard let r = try? FixedPoint.parse(s) else { preconditionFailure("bad decimal literal \(s) in a test") }
        return r
    }

    /// A file of the repository's market data, found from the calling source file's
    /// location (`#filePath` of a file under `Sources/` or `Tests/`).
    public static func marketDataPath(_ file: String, filePath: String = #filePath) -> String {
        let parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
        let root = parts.lastIndex { $0 == "Sources" || $0 == "Tests" }.map { parts[..<$0].joined(separator: "/") } ?? "."
        return root + "/Sources/tradebotd/Resources/market/" + file
    }
}
