import TradingModel

/// Parses bar CSV text (`,Open,High,Low,Close,Volume` with the timestamp first) into
/// bars. Pure: the caller reads the file; this only looks at bytes.
///
/// Accepts `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS` timestamps (UTC), CRLF or LF line
/// ends and a trailing newline. Refuses, naming the line: a header without the five
/// columns, a row with the wrong number of fields, an unparsable timestamp or number,
/// a price off the tick, high < low, open or close outside [low, high], negative
/// volume, non-increasing timestamps, and a file with no bars.
public enum BarCSVParser {
    public static let expectedHeader = ["Open", "High", "Low", "Close", "Volume"]

    public static func parse(_ text: String, symbol: Symbol, source: String,
                             tickSize: Price? = nil) throws(MarketDataError) -> [Bar] {
        var bars: [Bar] = []
        var lineNumber = 0
        var previous: Timestamp?
        var sawHeader = false
        // "\r\n" is one Character in Swift, so split on both forms.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if !sawHeader {
                try checkHeader(line, source: source)
                sawHeader = true
                continue
            }
            if line.isEmpty { continue }
            func fail(_ message: String) -> MarketDataError {
                MarketDataError(source: source, line: lineNumber, message: message)
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 6 else { throw fail("expected 6 fields (timestamp,Open,High,Low,Close,Volume), found \(fields.count)") }
            guard let time = parseTimestamp(fields[0]) else {
                throw fail("unparsable timestamp '\(fields[0])' (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)")
            }
            var values: [Int64] = []
            values.reserveCapacity(5)
            for (k, field) in fields.dropFirst().enumerated() {
                do { values.append(try FixedPoint.parse(field)) } catch {
                    throw fail("unparsable number '\(field)' in column \(expectedHeader[k]): \(error)")
                }
            }
            let (open, high, low, close, volume) = (Price(raw: values[0]), Price(raw: values[1]), Price(raw: values[2]),
                                                    Price(raw: values[3]), Quantity(raw: values[4]))
            if volume.isNegative { throw fail("negative volume \(volume)") }
            if high < low { throw fail("high \(high) is below low \(low)") }
            if open < low || open > high { throw fail("open \(open) is outside [low \(low), high \(high)]") }
            if close < low || close > high { throw fail("close \(close) is outside [low \(low), high \(high)]") }
            if !low.isPositive { throw fail("prices must be positive (low \(low))") }
            if let tick = tickSize {
                for (name, p) in [("Open", open), ("High", high), ("Low", low), ("Close", close)] where !p.isMultiple(of: tick) {
                    throw fail("\(name) \(p) is not a multiple of the tick size \(tick)")
                }
            }
            if let previous, time <= previous {
                throw fail("timestamp \(time) is not after the previous row's \(previous)")
            }
            previous = time
            bars.append(Bar(symbol: symbol, timestamp: time, open: open, high: high, low: low, close: close, volume: volume))
        }
        if !sawHeader { throw MarketDataError(source: source, line: 1, message: "empty file (expected a header)") }
        if bars.isEmpty { throw MarketDataError(source: source, line: 1, message: "no bars after the header") }
        return bars
    }

    private static func checkHeader(_ line: Substring, source: String) throws(MarketDataError) {
        let names = line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingSpaces.lowercased()
        }
        let missing = expectedHeader.filter { !names.dropFirst().contains($0.lowercased()) }
        if !missing.isEmpty || names.count != 6 || Array(names.dropFirst()) != expectedHeader.map({ $0.lowercased() }) {
            let detail = missing.isEmpty ? "columns out of order or extra columns" : "missing column(s) \(missing.joined(separator: ", "))"
            throw MarketDataError(source: source, line: 1,
                                  message: "bad header '\(line)': \(detail); expected ',Open,High,Low,Close,Volume'")
        }
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (also with `T`), UTC.
    static func parseTimestamp(_ s: Substring) -> Timestamp? {
        let u = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for k in from..<(from + len) {
                let c = u[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard u.count == 10 || u.count == 19, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = num(0, 4), let m = num(5, 2), let d = num(8, 2) else { return nil }
        if u.count == 10 { return Timestamp(year: y, month: m, day: d) }
        guard u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":"),
              u[16] == UInt8(ascii: ":"), let h = num(11, 2), let mi = num(14, 2), let se = num(17, 2) else { return nil }
        return Timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: se)
    }

    /// The finest decimal places used by any price in the bars: a tick size that fits the data.
    public static func inferredTickSize(_ bars: [Bar]) -> Price {
        var decimals = 0
        for b in bars {
            decimals = max(decimals, FixedPoint.decimalsUsed(b.open.raw), FixedPoint.decimalsUsed(b.high.raw),
                           FixedPoint.decimalsUsed(b.low.raw), FixedPoint.decimalsUsed(b.close.raw))
        }
        var raw = FixedPoint.scale
        for _ in 0..<decimals { raw /= 10 }
        return Price(raw: raw)
    }
}
