/// A configuration value that cannot be used; the message names the setting so the operator can fix it.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidValue(setting: String, value: String, reason: String)
    case missingFile(setting: String, path: String)
    /// A configuration document (the `--config` file, or an `UpdateConfig` request) that cannot be
    /// used: `source` is the file (or "document"), `keyPath` the dotted key ("" for the whole text).
    case invalidDocument(source: String, keyPath: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidValue(setting, value, reason):
            return "invalid \(setting) '\(value)': \(reason)"
        case let .missingFile(setting, path):
            return "\(setting): no readable file at \(path)"
        case let .invalidDocument(source, keyPath, reason):
            let place = [source, keyPath].filter { !$0.isEmpty }.joined(separator: ": ")
            return place.isEmpty ? reason : "\(place): \(reason)"
        }
    }
}
