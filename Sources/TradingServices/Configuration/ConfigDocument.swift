#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A checked configuration document: the settings it sets, keyed by environment variable.
///
/// Checks, each failing with `ConfigurationError.invalidDocument` naming the source and the dotted
/// key path: the text is a JSON object; every key is known (`ConfigSchema`); a key that looks like
/// a credential (or a value that is a PEM private key) is refused with a pointer to the
/// environment; every value has its key's JSON type; strings are not empty. Ranges and formats are
/// checked afterwards by the server's own parsers (`validate(_:)`), whose errors are mapped back to
/// the key path when the value came from the document.
public struct ConfigDocument: Sendable, Equatable {
    /// Values the document sets (keys left out or `null` are absent), as environment strings.
    public let settings: [String: String]

    public init(settings: [String: String] = [:]) {
        self.settings = settings
    }

    /// Parses and checks `text`; `source` (a file path, or "document") prefixes every error.
    public static func parse(_ text: String, source: String) throws(ConfigurationError) -> ConfigDocument {
        let root: ConfigValue
        do {
            root = try ConfigValue.parse(text)
        } catch {
            if case let .invalidDocument(_, _, reason) = error { throw .invalidDocument(source: source, keyPath: "", reason: reason) }
            throw error
        }
        guard case .object(let sections) = root else {
            throw .invalidDocument(source: source, keyPath: "", reason: "expected a JSON object, found \(root.typeName)")
        }
        var settings: [String: String] = [:]
        for name in sections.keys.sorted() {
            guard let value = sections[name] else { continue }
            try refuseSecret(name, value, path: name, source: source)
            guard ConfigSchema.sections.contains(name) else {
                throw .invalidDocument(source: source, keyPath: name, reason: "unknown section (known: "
                                       + ConfigSchema.sections.sorted().joined(separator: ", ") + ")")
            }
            if case .null = value { continue }
            guard case .object(let members) = value else {
                throw .invalidDocument(source: source, keyPath: name, reason: "expected an object, found \(value.typeName)")
            }
            for member in members.keys.sorted() {
                let path = name + "." + member
                guard let value = members[member] else { continue }
                try refuseSecret(member, value, path: path, source: source)
                guard let key = ConfigSchema.byPath[path] else {
                    let known = ConfigSchema.keys.filter { $0.path.hasPrefix(name + ".") }.map(\.path)
                    throw .invalidDocument(source: source, keyPath: path,
                                           reason: "unknown key (known in \(name): \(known.joined(separator: ", ")))")
                }
                if let text = try environmentText(value, key: key, source: source) { settings[key.variable] = text }
            }
        }
        return ConfigDocument(settings: settings)
    }

    /// The value as its environment string; nil for `null` (the default).
    private static func environmentText(_ value: ConfigValue, key: ConfigSchema.Key,
                                        source: String) throws(ConfigurationError) -> String? {
        switch (key.kind, value) {
        case (_, .null): return nil
        case (.string, .string(let s)):
            guard !s.isEmpty else {
                throw .invalidDocument(source: source, keyPath: key.path, reason: "must not be empty (use null for the default)")
            }
            guard !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalidDocument(source: source, keyPath: key.path, reason: "control characters are not allowed")
            }
            return s
        case (.integer, .integer(let i)): return String(i)
        case (.number, .integer(let i)): return String(i)
        case (.number, .number(let d)): return ConfigValue.render(number: d)
        case (.string, _):
            throw .invalidDocument(source: source, keyPath: key.path, reason: "expected a string, found \(value.typeName)")
        case (.integer, _):
            throw .invalidDocument(source: source, keyPath: key.path, reason: "expected an integer, found \(value.typeName)")
        case (.number, _):
            throw .invalidDocument(source: source, keyPath: key.path, reason: "expected a number, found \(value.typeName)")
        }
    }

    private static func refuseSecret(_ name: String, _ value: ConfigValue, path: String,
                                     source: String) throws(ConfigurationError) {
        if ConfigSchema.byPath[path] == nil && ConfigSchema.looksSecret(name) {
            throw .invalidDocument(source: source, keyPath: path, reason:
                "secrets are not accepted in the configuration; set them in the environment or a key file ("
                + ConfigSchema.secretVariables.joined(separator: ", ") + ")")
        }
        if case .string(let s) = value, ConfigSchema.looksLikeSecretValue(s) {
            throw .invalidDocument(source: source, keyPath: path, reason:
                "a private key is not accepted in the configuration; name its file instead")
        }
    }

    // MARK: merging and checking

    /// The effective settings: the document's values, overridden by every non-empty variable of
    /// `environment` (which also carries the variables the document cannot hold, such as secrets).
    public func merged(with environment: [String: String]) -> [String: String] {
        var merged = settings
        for (name, value) in environment where !value.isEmpty { merged[name] = value }
        return merged
    }

    /// Runs the server's parsers over `merged` (this document plus the environment) and returns the
    /// server configuration. Every value of the document is checked, also one the environment
    /// overrides (a latent error in the file would otherwise surface the day the variable goes);
    /// such errors name the key path and `source`. Errors in the environment name the variable.
    public func validate(_ merged: [String: String], environment: [String: String],
                         source: String) throws(ConfigurationError) -> ServerConfiguration {
        do {
            try Self.parse(merged.merging(settings) { $1 })
        } catch {
            throw mapped(error, source: source)
        }
        do {
            return try Self.parse(merged)
        } catch {
            throw mapped(error, source: source, unlessOverriddenBy: environment)
        }
    }

    /// Every component's parser over one set of settings, and the files they name must be readable
    /// (the start would fail on them later, with a message that no longer names the key).
    @discardableResult
    private static func parse(_ values: [String: String]) throws(ConfigurationError) -> ServerConfiguration {
        let server = try ServerConfiguration(environment: values)
        typealias V = ServerConfiguration.Variable
        var files: [(String, String?)] = [(V.tlsCertificate, server.tlsCertificatePath), (V.tlsKey, server.tlsKeyPath)]
        if server.replayBarsPerSecond > 0 { files.append((V.feedFile, server.feedFile)) }
        for case let (setting, path?) in files where access(path, R_OK) != 0 {
            throw .missingFile(setting: setting, path: path)
        }
        _ = try SecurityConfiguration(environment: values)
        _ = try BackupConfiguration(environment: values)
        _ = try IdentityComponent.Options(environment: values)
        _ = try SnapshotConfiguration(environment: values)
        _ = try SequencerPriority(environment: values)
        return server
    }

    private func mapped(_ error: ConfigurationError, source: String,
                        unlessOverriddenBy environment: [String: String] = [:]) -> ConfigurationError {
        func key(for setting: String) -> ConfigSchema.Key? {
            guard let variable = setting.split(separator: "/").first.map(String.init),
                  let key = ConfigSchema.byVariable[variable], settings[variable] != nil,
                  (environment[variable] ?? "").isEmpty else { return nil }
            return key
        }
        switch error {
        case let .invalidValue(setting, value, reason):
            guard let key = key(for: setting) else { return error }
            return .invalidDocument(source: source, keyPath: key.path, reason: "invalid value '\(value)': \(reason)")
        case let .missingFile(setting, path):
            guard let key = key(for: setting) else { return error }
            return .invalidDocument(source: source, keyPath: key.path, reason: "no readable file at \(path)")
        case .invalidDocument:
            return error
        }
    }

    // MARK: the effective document

    /// The effective configuration as a document: every key of the schema with the value in force
    /// (`null` = off or built in). Values `ServerConfiguration` holds come from `configuration`
    /// (flags and tests may set them directly); the others from `settings`. Holds no secret.
    public static func effective(_ configuration: ServerConfiguration, settings: [String: String]) -> ConfigValue {
        var values = settings
        func put(_ variable: String, _ text: String?) { values[variable] = text }
        typealias V = ServerConfiguration.Variable
        put(V.listen, configuration.listen.description)
        put(V.healthListen, configuration.healthListen?.description)
        put(V.tlsCertificate, configuration.tlsCertificatePath)
        put(V.tlsKey, configuration.tlsKeyPath)
        put(V.eventLoops, configuration.eventLoops.map(String.init))
        put(V.maxMessageBytes, String(configuration.maxMessageBytes))
        put(V.shutdownGrace, duration(milliseconds: configuration.shutdownGraceMilliseconds))
        put(V.feedFile, configuration.feedFile)
        put(V.replaySpeed, ConfigValue.render(number: configuration.replayBarsPerSecond))
        put(V.strategy, configuration.strategy)
        var sections: [String: [String: ConfigValue]] = [:]
        for key in ConfigSchema.keys {
            let parts = key.path.split(separator: ".").map(String.init)
            sections[parts[0], default: [:]][parts[1]] = typed(values[key.variable], key: key)
        }
        return .object(sections.mapValues { .object($0) })
    }

    /// The environment string as the key's JSON type (the default when unset or empty).
    static func typed(_ text: String?, key: ConfigSchema.Key) -> ConfigValue {
        guard let text, !text.isEmpty else { return key.defaultValue }
        switch key.kind {
        case .string: return .string(text)
        case .integer: return Int64(text).map(ConfigValue.integer) ?? .string(text)
        case .number:
            if let i = Int64(text) { return .number(Double(i)) }
            return Double(text).map(ConfigValue.number) ?? .string(text)
        }
    }

    /// `10s`, `500ms`, `2m`: the form `TRADEBOT_SHUTDOWN_GRACE` accepts.
    static func duration(milliseconds ms: Int) -> String {
        if ms % 60_000 == 0 && ms > 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }

    /// The value at a dotted path of a document (`.null` when absent).
    public static func value(at path: String, in document: ConfigValue) -> ConfigValue {
        var current = document
        for part in path.split(separator: ".") {
            guard case .object(let members) = current, let next = members[String(part)] else { return .null }
            current = next
        }
        return current
    }

    /// A copy with every string that looks like a credential replaced by `[redacted]`. The schema
    /// admits no secret, so this only matters for a future key: defence in depth for `GetConfig`.
    public static func redacted(_ value: ConfigValue, name: String = "") -> ConfigValue {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, redacted($0.value, name: $0.key)) }))
        case .array(let items):
            return .array(items.map { redacted($0, name: name) })
        case .string(let s) where ConfigSchema.looksLikeSecretValue(s):
            return .string("[redacted]")
        case .string where ConfigSchema.looksSecret(name) && !ConfigSchema.keys.contains(where: { $0.path.hasSuffix("." + name) }):
            return .string("[redacted]")
        default:
            return value
        }
    }
}
