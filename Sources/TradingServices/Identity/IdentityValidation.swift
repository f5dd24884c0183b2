import RPCCore
import Security

/// Request validation for the identity RPCs, in one place: each failure is INVALID_ARGUMENT naming
/// the field, so clients can point at the input that is wrong.
enum IdentityValidation {
    static let maxUsernameLength = 64
    static let maxNameLength = 128
    static let maxReasonLength = 512
    /// API tokens live at most a year; 0 in a request means the default of 90 days.
    static let maxApiTokenLifetimeSeconds: Int64 = 366 * 86_400
    static let defaultApiTokenLifetimeSeconds: Int64 = 90 * 86_400

    /// Usernames are lower-case `[a-z0-9._-]`, starting with a letter or digit, 1 to 64 characters:
    /// safe in logs, file names and audit lines, and unambiguous (no case or Unicode look-alikes).
    static func username(_ name: String, field: String = "username") throws(RPCError) {
        let bytes = Array(name.utf8)
        guard (1...maxUsernameLength).contains(bytes.count) else {
            throw RPCError(code: .invalidArgument, message: "\(field): must be 1 to \(maxUsernameLength) characters")
        }
        func allowed(_ b: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
        guard bytes.allSatisfy(allowed), bytes[0] != UInt8(ascii: "."), bytes[0] != UInt8(ascii: "-"),
              bytes[0] != UInt8(ascii: "_") else {
            throw RPCError(code: .invalidArgument,
                           message: "\(field): only lower-case letters, digits, '.', '_' and '-', starting with a letter or digit")
        }
    }

    /// At login the name is only bounded (an unknown name fails like a wrong password).
    static func loginUsername(_ name: String) throws(RPCError) {
        guard (1...maxUsernameLength).contains(name.utf8.count) else {
            throw RPCError(code: .invalidArgument, message: "username: must be 1 to \(maxUsernameLength) characters")
        }
    }

    /// `admin`, `trader` or `observer`; UNSPECIFIED and unknown values are refused.
    static func role(_ role: TradebotV1Role, field: String = "role") throws(RPCError) -> Role {
        guard let mapped = IdentityWire.role(role) else {
            throw RPCError(code: .invalidArgument, message: "\(field): must be ADMIN, TRADER or OBSERVER")
        }
        return mapped
    }

    static func text(_ value: String, field: String, max: Int, required: Bool) throws(RPCError) {
        if required && value.isEmpty { throw RPCError(code: .invalidArgument, message: "\(field): required") }
        guard value.utf8.count <= max else {
            throw RPCError(code: .invalidArgument, message: "\(field): at most \(max) bytes")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RPCError(code: .invalidArgument, message: "\(field): control characters are not allowed")
        }
    }

    static func password(_ password: String, username: String) throws(RPCError) {
        let violations = PasswordPolicy().violations(of: password, username: username)
        guard let first = violations.first else { return }
        let why: String = switch first {
        case .tooShort(let minimum): "at least \(minimum) characters"
        case .tooLong(let maximum): "at most \(maximum) bytes"
        case .tooGuessable: "too easy to guess (a common password, or contains the username)"
        case .controlCharacters: "control characters are not allowed"
        }
        throw RPCError(code: .invalidArgument, message: "password: \(why)")
    }

    static func apiTokenLifetime(_ ttlSeconds: Int64) throws(RPCError) -> Duration {
        guard ttlSeconds >= 0, ttlSeconds <= maxApiTokenLifetimeSeconds else {
            throw RPCError(code: .invalidArgument,
                           message: "ttl_seconds: must be 0 (default \(defaultApiTokenLifetimeSeconds)) to \(maxApiTokenLifetimeSeconds)")
        }
        return .seconds(ttlSeconds == 0 ? defaultApiTokenLifetimeSeconds : ttlSeconds)
    }
}
