import ArgumentParser
import TradingProtocol

/// Role names on the command line and in output: `admin`, `trader`, `observer`.
enum RoleName {
    static func text(_ role: TradebotV1.Role) -> String {
        switch role {
        case .admin: "admin"
        case .trader: "trader"
        case .observer: "observer"
        case .unspecified: "unspecified"
        case .unrecognized(let raw): "role_\(raw)"
        }
    }

    static func parse(_ text: String) throws -> TradebotV1.Role {
        switch text.lowercased() {
        case "admin": .admin
        case "trader": .trader
        case "observer": .observer
        default: throw ValidationError("unknown role '\(text)': expected admin, trader or observer")
        }
    }
}

/// Minimal JSON string quoting for `--json` output.
enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
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
        return out + "\""
    }
}
