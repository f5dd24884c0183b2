/// Minimum requirements for a user-chosen password (`Admin.CreateUser`, the first-start
/// admin password from the environment).
///
/// Follows NIST SP 800-63B: length over composition rules, no maximum below 64 characters,
/// and a refusal of the most common and context-specific choices. Pure value type: the
/// service layer reports each violation as INVALID_ARGUMENT naming the field.
public struct PasswordPolicy: Sendable, Equatable {
    public enum Violation: Sendable, Equatable, Hashable {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        /// Contains the username, or is a well-known password.
        case tooGuessable
        /// Control characters (including NUL) are refused: they break terminals and logs.
        case controlCharacters
    }

    /// Minimum length in characters (Unicode scalars).
    public var minimumLength: Int
    public var maximumBytes: Int

    public init(minimumLength: Int = 12, maximumBytes: Int = PasswordHasher.maxPasswordBytes) {
        self.minimumLength = minimumLength
        self.maximumBytes = maximumBytes
    }

    /// A few of the most common passwords that pass the length rule; a real breach list
    /// belongs in a data file, this only stops the obvious.
    static let common: Set<String> = [
        "password1234", "123456789012", "qwertyuiop12", "passwordpassword", "administrator", "adminadminadmin",
        "letmeinletmein", "changeme1234", "tradebot1234", "iloveyou1234", "1q2w3e4r5t6y", "qwerty123456",
    ]

    /// Every rule `password` breaks (empty when acceptable).
    public func violations(of password: String, username: String) -> [Violation] {
        var found: [Violation] = []
        if password.unicodeScalars.count < minimumLength { found.append(.tooShort(minimum: minimumLength)) }
        if password.utf8.count > maximumBytes { found.append(.tooLong(maximum: maximumBytes)) }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            found.append(.controlCharacters)
        }
        let lower = password.lowercased()
        let name = username.lowercased()
        if PasswordPolicy.common.contains(lower) || (name.count >= 3 && lower.contains(name)) {
            found.append(.tooGuessable)
        }
        return found
    }
}
