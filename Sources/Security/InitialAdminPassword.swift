#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The password of the `admin` user created on first start (issue 6): taken from
/// `TRADEBOT_ADMIN_PASSWORD` when set, otherwise generated and written to a 0600 file in the
/// data directory. Only the file's path may be logged; `description` never shows the password.
public struct InitialAdminPassword: Sendable, CustomStringConvertible {
    public enum Origin: Sendable, Equatable {
        /// From the environment variable (the operator already knows it).
        case environment
        /// Generated and written to this file (mode 0600); log this path.
        case generatedFile(path: String)
    }

    public enum ObtainError: Error, Sendable, Equatable {
        /// The environment value violates `PasswordPolicy`.
        case weakEnvironmentPassword([PasswordPolicy.Violation])
        /// The file already exists: a previous first start did not finish; refuse to overwrite
        /// a password someone may have read already, and let the operator decide.
        case fileExists(path: String)
        case file(KeyFile.FileError)
        case openSSL(OpenSSLError)
    }

    /// The plaintext, to hash with `PasswordHasher` and then drop.
    public let password: String
    public let origin: Origin

    /// Name of the file written into the data directory.
    public static let fileName = "initial-admin-password"

    /// Resolves the password for the first start.
    /// - Parameters:
    ///   - environmentValue: the value of `TRADEBOT_ADMIN_PASSWORD` (nil or empty = unset).
    ///   - dataDirectory: where to write the generated password.
    public static func obtain(environmentValue: String?, dataDirectory: String,
                              policy: PasswordPolicy = PasswordPolicy()) throws(ObtainError) -> InitialAdminPassword {
        if let value = environmentValue, !value.isEmpty {
            let violations = policy.violations(of: value, username: "admin")
            guard violations.isEmpty else { throw .weakEnvironmentPassword(violations) }
            return InitialAdminPassword(password: value, origin: .environment)
        }
        let path = dataDirectory + "/" + fileName
        if access(path, F_OK) == 0 { throw .fileExists(path: path) }
        let bytes: [UInt8]
        do { bytes = try SecureRandom.bytes(18) } catch { throw .openSSL(error) }
        let password = Base64URL.encode(bytes)  // 24 characters, 144 bits
        do { try KeyFile.write(password + "\n", to: path, mode: 0o600) } catch { throw .file(error) }
        return InitialAdminPassword(password: password, origin: .generatedFile(path: path))
    }

    public var description: String {
        switch origin {
        case .environment: return "InitialAdminPassword(from TRADEBOT_ADMIN_PASSWORD)"
        case .generatedFile(let path): return "InitialAdminPassword(generated, written to \(path))"
        }
    }
}
