/// A value bound to, or read from, an SQL statement.
///
/// There is deliberately no floating-point case: money, prices and quantities are stored as exact
/// integers (raw fixed-point values) or decimal text, never as `Double`.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .text(let s): return "'\(s)'"
        case .blob(let b): return "blob(\(b.count) bytes)"
        }
    }

    /// The integer, or nil for any other case.
    public var integerValue: Int64? { if case .integer(let v) = self { return v } else { return nil } }
    /// The text, or nil for any other case.
    public var textValue: String? { if case .text(let v) = self { return v } else { return nil } }
    /// The bytes, or nil for any other case.
    public var blobValue: [UInt8]? { if case .blob(let v) = self { return v } else { return nil } }
}
