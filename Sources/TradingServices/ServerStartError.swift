/// Why the server could not start; each message names the file, directory or address to fix.
public enum ServerStartError: Error, Sendable, CustomStringConvertible {
    case dataDirectory(path: String, reason: String)
    case missingFile(setting: String, path: String)
    case tls(path: String, reason: String)
    case listen(address: String, reason: String)
    case store(reason: String)
    case recovery(reason: String)
    case component(reason: String)

    public var description: String {
        switch self {
        case let .dataDirectory(path, reason): "data directory \(path): \(reason)"
        case let .missingFile(setting, path): "\(setting): cannot read \(path)"
        case let .tls(path, reason): "TLS \(path): \(reason)"
        case let .listen(address, reason): "cannot listen on \(address): \(reason)"
        case let .store(reason): "store: \(reason)"
        case let .recovery(reason): "recovery from the journal failed: \(reason)"
        case let .component(reason): "cannot start: \(reason)"
        }
    }
}
