/// A configuration value that cannot be used; the message names the setting so the operator can fix it.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidValue(setting: String, value: String, reason: String)
    case missingFile(setting: String, path: String)

    public var description: String {
        switch self {
        case let .invalidValue(setting, value, reason):
            return "invalid \(setting) '\(value)': \(reason)"
        case let .missingFile(setting, path):
            return "\(setting): no readable file at \(path)"
        }
    }
}
