#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Security

/// Where the JWT signing keys come from: configured PEM paths (`TRADEBOT_JWT_KEY` and the optional
/// verify-only `TRADEBOT_JWT_PUBLIC_KEYS`), or, when unset, the generated `<data>/keys/`
/// (`JWTKeyDirectory`).
///
/// Configured keys suit deployments whose secrets come from a vault or a config-management
/// system, and several servers that must accept each other's tokens (same key, same `kid`).
public struct JWTKeyConfiguration: Sendable, Equatable {
    /// The stable environment interface.
    public enum Variable {
        /// PEM file of the RSA private signing key (PKCS#8 or traditional), mode 0600 or stricter.
        public static let privateKey = "TRADEBOT_JWT_KEY"
        /// Comma-separated PEM files and/or directories (every `*.pem` inside) of extra public
        /// keys that verify but never sign: the previous keys during a rotation.
        public static let publicKeys = "TRADEBOT_JWT_PUBLIC_KEYS"
    }

    /// Verify-only keys stay valid for as long as they are configured; this far-future bound is
    /// only what the key ring needs as a retirement time.
    static let configuredKeyLifetime: Duration = .seconds(100 * 365 * 86_400)

    public var privateKeyPath: String
    public var publicKeyPaths: [String]

    public init(privateKeyPath: String, publicKeyPaths: [String] = []) {
        self.privateKeyPath = privateKeyPath
        self.publicKeyPaths = publicKeyPaths
    }

    /// nil when `TRADEBOT_JWT_KEY` is unset or empty (the generated default applies). Public keys
    /// without a private key are refused: they would silently be ignored otherwise.
    public static func from(environment: [String: String]) throws(ConfigurationError) -> JWTKeyConfiguration? {
        let publicList = environment[Variable.publicKeys].map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } ?? []
        guard let key = environment[Variable.privateKey], !key.isEmpty else {
            if !publicList.isEmpty {
                throw .invalidValue(setting: Variable.publicKeys, value: environment[Variable.publicKeys] ?? "",
                                    reason: "needs \(Variable.privateKey) (the generated keys in <data>/keys rotate by themselves)")
            }
            return nil
        }
        return JWTKeyConfiguration(privateKeyPath: key, publicKeyPaths: publicList)
    }

    /// The directories among `publicKeyPaths` (where `rotate-jwt-key` puts the previous key).
    public var publicKeyDirectories: [String] { publicKeyPaths.filter(Self.isDirectory) }

    /// Loads the ring: the signing key, plus every configured public key (a key whose `kid` equals
    /// the signing key's is skipped). Any unreadable or invalid file stops the start, named.
    public func loadRing(now: UnixTime) throws(ConfigurationError) -> JWTKeyRing {
        let signing: RSAKey
        do {
            signing = try RSAKey(privateKeyPEM: KeyFile.read(privateKeyPath, isSecret: true))
        } catch {
            throw .invalidValue(setting: Variable.privateKey, value: privateKeyPath, reason: "\(error)")
        }
        let ring = JWTKeyRing(signingKey: signing)
        for file in try publicKeyFiles() {
            let key: RSAKey
            do {
                key = try RSAKey(publicKeyPEM: KeyFile.read(file, isSecret: false))
            } catch {
                throw .invalidValue(setting: Variable.publicKeys, value: file, reason: "\(error)")
            }
            if key.kid != signing.kid { ring.addVerificationKey(key, until: now + Self.configuredKeyLifetime) }
        }
        return ring
    }

    /// Every public key file: listed files as given, directories expanded to their `*.pem`
    /// (sorted, so start-up is deterministic).
    func publicKeyFiles() throws(ConfigurationError) -> [String] {
        var files: [String] = []
        for path in publicKeyPaths {
            if Self.isDirectory(path) {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                    throw .invalidValue(setting: Variable.publicKeys, value: path, reason: "cannot list the directory")
                }
                files += names.filter { $0.hasSuffix(".pem") }.sorted().map { path + "/" + $0 }
            } else {
                guard access(path, R_OK) == 0 else { throw .missingFile(setting: Variable.publicKeys, path: path) }
                files.append(path)
            }
        }
        return files
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
