#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The transport-level security settings the composer applies: mutual TLS and `/metrics` access.
///
/// Read from the environment here rather than from `ServerConfiguration`, so the security
/// settings stay in one place with their validation and their tests.
public struct SecurityConfiguration: Sendable, Equatable {
    /// Who may read `GET /metrics`.
    public enum MetricsAuth: String, Sendable, Equatable {
        /// Anyone who can reach the TLS port (Prometheus scrapers usually cannot log in).
        case none
        /// A bearer token of any valid principal (access or API token); 401 otherwise.
        case token
    }

    /// The stable environment interface.
    public enum Variable {
        /// PEM CA bundle: when set, the TLS listener requires client certificates it signed.
        public static let clientCA = "TRADEBOT_TLS_CLIENT_CA"
        /// `none` (default) or `token`.
        public static let metricsAuth = "TRADEBOT_METRICS_AUTH"
    }

    public var clientCAFile: String?
    public var metricsAuth: MetricsAuth = .none

    public init(clientCAFile: String? = nil, metricsAuth: MetricsAuth = .none) {
        self.clientCAFile = clientCAFile
        self.metricsAuth = metricsAuth
    }

    /// Parses and checks `environment`; a set but unreadable CA file or an unknown metrics mode
    /// stops the start, naming the setting.
    public init(environment: [String: String]) throws(ConfigurationError) {
        if let path = environment[Variable.clientCA], !path.isEmpty {
            guard access(path, R_OK) == 0 else { throw .missingFile(setting: Variable.clientCA, path: path) }
            clientCAFile = path
        }
        if let text = environment[Variable.metricsAuth], !text.isEmpty {
            guard let mode = MetricsAuth(rawValue: text) else {
                throw .invalidValue(setting: Variable.metricsAuth, value: text, reason: "expected none or token")
            }
            metricsAuth = mode
        }
    }

    /// `init(environment:)` over this process's environment.
    public static func fromProcessEnvironment() throws(ConfigurationError) -> SecurityConfiguration {
        try SecurityConfiguration(environment: ProcessInfo.processInfo.environment)
    }
}
