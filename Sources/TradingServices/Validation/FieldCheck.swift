import RPCCore
import TradingProtocol
import WireFormat

/// The field checks request rules are made of. Every failure is INVALID_ARGUMENT with a message
/// that starts with the proto field name ("quantity: must be greater than zero"), so a client can
/// point at the input that is wrong without the server echoing the value back.
public enum FieldCheck {
    /// Identifiers (order, strategy, signal, account, token, backup ids): bounded, printable.
    public static let maxIdentifierBytes = 64
    /// Instrument symbols.
    public static let maxSymbolBytes = 32
    /// Free text such as reasons, notes and comments.
    public static let maxTextBytes = 512
    /// Symbols a subscription or filter may name at once.
    public static let maxSymbolsPerRequest = 256
    /// `page_size` upper bound (0 means the server default).
    public static let maxPageSize: Int32 = 1000

    static func fail(_ field: String, _ reason: String) -> RPCError {
        RPCError(code: .invalidArgument, message: "\(field): \(reason)")
    }

    /// Bounded UTF-8 text without control characters; `required` refuses "".
    public static func text(_ value: String, field: String, max: Int = maxTextBytes,
                            required: Bool = false) throws(RPCError) {
        if value.isEmpty {
            if required { throw fail(field, "required") }
            return
        }
        guard value.utf8.count <= max else { throw fail(field, "at most \(max) bytes") }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw fail(field, "control characters are not allowed")
        }
    }

    /// An identifier: printable ASCII without spaces, at most `maxIdentifierBytes`.
    public static func identifier(_ value: String, field: String, required: Bool = false) throws(RPCError) {
        if value.isEmpty {
            if required { throw fail(field, "required") }
            return
        }
        guard value.utf8.count <= maxIdentifierBytes else { throw fail(field, "at most \(maxIdentifierBytes) bytes") }
        guard value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw fail(field, "only printable ASCII without spaces")
        }
    }

    /// An instrument symbol: letters, digits and `. _ - / :`, 1 to `maxSymbolBytes` bytes.
    public static func symbol(_ value: String, field: String = "symbol", required: Bool = true) throws(RPCError) {
        if value.isEmpty {
            if required { throw fail(field, "required") }
            return
        }
        guard value.utf8.count <= maxSymbolBytes else { throw fail(field, "at most \(maxSymbolBytes) bytes") }
        guard value.utf8.allSatisfy(isSymbolByte) else {
            throw fail(field, "only letters, digits and . _ - / :")
        }
    }

    /// A list of symbols (empty allowed: "every symbol"), bounded in length, each a valid symbol.
    public static func symbols(_ values: [String], field: String = "symbols") throws(RPCError) {
        try listLength(values.count, field: field, max: maxSymbolsPerRequest)
        for (index, value) in values.enumerated() {
            try symbol(value, field: "\(field)[\(index)]")
        }
    }

    /// At most `max` elements.
    public static func listLength(_ count: Int, field: String, max: Int) throws(RPCError) {
        guard count <= max else { throw fail(field, "at most \(max) elements") }
    }

    /// 0 (server default) to `max`.
    public static func pageSize(_ value: Int32, field: String = "page_size", max: Int32 = maxPageSize) throws(RPCError) {
        guard (0...max).contains(value) else { throw fail(field, "must be 0 (server default) to \(max)") }
    }

    /// A wire enum that must carry a known value other than UNSPECIFIED: `known` is the range of
    /// raw values this schema defines, so values from a newer schema are refused too.
    public static func requiredEnum<E: WireEnum>(_ value: E, field: String, known: ClosedRange<Int32>) throws(RPCError) {
        guard value.rawValue != 0 else { throw fail(field, "required (UNSPECIFIED is not allowed)") }
        guard known.contains(value.rawValue) else { throw fail(field, "unrecognized value \(value.rawValue)") }
    }

    /// A wire enum where UNSPECIFIED means "server default" but unknown values are refused.
    public static func optionalEnum<E: WireEnum>(_ value: E, field: String, known: ClosedRange<Int32>) throws(RPCError) {
        guard value.rawValue == 0 || known.contains(value.rawValue) else {
            throw fail(field, "unrecognized value \(value.rawValue)")
        }
    }

    /// Sign constraint for decimals.
    public enum Sign: Sendable { case any, positive, nonNegative }

    /// A `WireDecimal` string. "" passes unless `required`; a set value must parse strictly and
    /// satisfy `sign`. Returns the parsed value (nil when empty) for cross-field rules.
    @discardableResult
    public static func decimal(_ value: String, field: String, required: Bool = false,
                               sign: Sign = .positive) throws(RPCError) -> WireDecimal? {
        if value.isEmpty {
            if required { throw fail(field, "required") }
            return nil
        }
        let parsed: WireDecimal
        do {
            parsed = try WireDecimal.parse(value, field: field)
        } catch {
            if case .invalidValue(_, let reason) = error { throw fail(field, reason) }
            throw fail(field, "not a decimal")
        }
        switch sign {
        case .any: break
        case .positive: guard parsed.mantissa > 0 else { throw fail(field, "must be greater than zero") }
        case .nonNegative: guard parsed.mantissa >= 0 else { throw fail(field, "must not be negative") }
        }
        return parsed
    }

    /// A UTC day "YYYY-MM-DD" (month 1-12, day 1-31); "" passes unless `required`.
    public static func day(_ value: String, field: String, required: Bool = false) throws(RPCError) {
        if value.isEmpty {
            if required { throw fail(field, "required") }
            return
        }
        let bytes = Array(value.utf8)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }) else {
            throw fail(field, "must be YYYY-MM-DD")
        }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        guard (1...12).contains(number(5..<7)), (1...31).contains(number(8..<10)) else {
            throw fail(field, "must be YYYY-MM-DD")
        }
    }

    private static func isSymbolByte(_ b: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: ":")
    }
}
