import Foundation

/// One JSON value of a configuration document, with the distinctions the schema needs (integer
/// vs. number vs. boolean) and a canonical rendering: sorted keys, two-space indentation, one
/// member per line. The canonical text is what is hashed, stored, served and diffed, so two
/// documents with the same content always have the same SHA-256 and a diff shows one line per
/// changed setting.
public indirect enum ConfigValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([ConfigValue])
    case object([String: ConfigValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let o = try? container.decode([String: ConfigValue].self) {
            self = .object(o)
        } else {
            self = .array(try container.decode([ConfigValue].self))
        }
    }

    /// Deepest nesting accepted: a valid document has two levels; the bound keeps a hostile
    /// document (`[[[[…`) from recursing deep into the decoder.
    public static let maxDepth = 16

    /// Parses JSON text; the message of a syntax error is Foundation's (it names line and column).
    public static func parse(_ text: String) throws(ConfigurationError) -> ConfigValue {
        guard nestingDepth(text) <= maxDepth else {
            throw .invalidDocument(source: "", keyPath: "", reason: "nested deeper than \(maxDepth) levels")
        }
        do {
            return try JSONDecoder().decode(ConfigValue.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw .invalidDocument(source: "", keyPath: "", reason: "not valid JSON: \(underlying ?? context.debugDescription)")
        } catch {
            throw .invalidDocument(source: "", keyPath: "", reason: "not valid JSON: \(error)")
        }
    }

    /// The deepest `[`/`{` nesting outside string literals (a scan that needs no parse).
    static func nestingDepth(_ text: String) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// The JSON type name used in error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Canonical JSON text (see the type's documentation), ending with a newline.
    public var canonicalText: String {
        var out = ""
        render(into: &out, indent: "")
        out += "\n"
        return out
    }

    private func render(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += Self.render(number: d)
        case .string(let s): Self.render(string: s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += indent + "  "
                item.render(into: &out, indent: indent + "  ")
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += indent + "  "
                Self.render(string: key, into: &out)
                out += ": "
                members[key, default: .null].render(into: &out, indent: indent + "  ")
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// Integral values print without a fraction (`20`), others with Swift's shortest round-trip form.
    static func render(number d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return d.isFinite ? String(d) : "null"
    }

    private static func render(string s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
