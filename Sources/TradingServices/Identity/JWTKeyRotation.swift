#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Security

/// Offline rotation of the JWT signing key (`tradebotd rotate-jwt-key`), for a stopped server.
///
/// Why offline: the running server holds its key ring in memory; rotating the files under it
/// would leave it signing with a key the next start no longer has. The data directory's lock
/// (`tradebot.lock`, the one the store takes) is held for the whole rotation, so a running server
/// makes the command fail instead of racing it.
///
/// - Generated keys (`<data>/keys/`): a new `signing-key.pem`; the previous public key goes to
///   `retired/` and verifies for `retainPreviousFor`, then is deleted on a later start.
/// - Configured keys (`TRADEBOT_JWT_KEY`): the previous public key is written as `<kid>.pem` into
///   the first directory of `TRADEBOT_JWT_PUBLIC_KEYS` (it verifies for as long as it stays
///   there), then a new private key replaces the `TRADEBOT_JWT_KEY` file atomically (0600).
///   Writing the public key first means a crash in between leaves a working, unchanged server.
public enum JWTKeyRotation {
    public struct Summary: Sendable, Equatable {
        public let previousKeyID: String
        public let newKeyID: String
        /// Where the previous public key now lives (nil for an emergency rotation).
        public let previousPublicKeyFile: String?
        /// When the generated layout drops the previous key; nil for configured keys (the operator
        /// removes the file) and for an emergency rotation.
        public let previousKeyValidUntil: UnixTime?
    }

    public enum RotationError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A server (or another maintenance command) holds the data directory.
        case inUse(dataDirectory: String)
        case configuration(ConfigurationError)
        case failed(String)

        public var description: String {
            switch self {
            case .inUse(let directory):
                "the data directory \(directory) is in use by a running server; stop it first (rotation is offline)"
            case .configuration(let error): error.description
            case .failed(let reason): reason
            }
        }
    }

    /// Access-token lifetime (15 min) plus the verifier's skew (30 s): the shortest retention
    /// under which no token signed by the previous key is refused before it expires.
    public static let defaultRetention: Duration = .seconds(15 * 60 + 30)

    /// Rotates the signing key of `dataDirectory`'s server. `retainPreviousFor: .zero` is the
    /// emergency rotation: the previous key stops verifying at once (every user logs in again).
    public static func rotate(dataDirectory: String, environment: [String: String], now: UnixTime,
                              retainPreviousFor: Duration = defaultRetention,
                              keyBits: Int = 3072) throws(RotationError) -> Summary {
        let lock = try lockDataDirectory(dataDirectory)
        defer { close(lock) }
        let configured: JWTKeyConfiguration?
        do { configured = try JWTKeyConfiguration.from(environment: environment) } catch { throw .configuration(error) }
        guard let configured else {
            return try rotateGenerated(path: dataDirectory + "/keys", now: now, retain: retainPreviousFor, keyBits: keyBits)
        }
        return try rotateConfigured(configured, now: now, emergency: retainPreviousFor == .zero, keyBits: keyBits)
    }

    static func rotateGenerated(path: String, now: UnixTime, retain: Duration, keyBits: Int) throws(RotationError) -> Summary {
        let directory = JWTKeyDirectory(path: path, keyBits: keyBits)
        do {
            let ring = try directory.loadOrCreate(now: now)
            let previous = ring.signingKey
            let next = try directory.rotate(ring, now: now, retainPreviousFor: retain)
            let until = now + retain
            let file = retain == .zero ? nil : "\(path)/retired/\(previous.kid).\(until.seconds).pem"
            if retain == .zero {
                // An emergency rotation must not leave the compromised key, or any earlier one
                // that sat next to it, verifying anywhere.
                let retired = "\(path)/retired"
                for name in (try? FileManager.default.contentsOfDirectory(atPath: retired)) ?? [] {
                    unlink("\(retired)/\(name)")
                }
            }
            return Summary(previousKeyID: previous.kid, newKeyID: next.kid, previousPublicKeyFile: file,
                           previousKeyValidUntil: retain == .zero ? nil : until)
        } catch {
            throw .failed("JWT keys in \(path): \(error)")
        }
    }

    static func rotateConfigured(_ configured: JWTKeyConfiguration, now: UnixTime, emergency: Bool,
                                 keyBits: Int) throws(RotationError) -> Summary {
        let ring: JWTKeyRing
        do { ring = try configured.loadRing(now: now) } catch { throw .configuration(error) }
        let previous = ring.signingKey
        var publicFile: String?
        if !emergency {
            guard let directory = configured.publicKeyDirectories.first else {
                throw .configuration(.invalidValue(
                    setting: JWTKeyConfiguration.Variable.publicKeys,
                    value: configured.publicKeyPaths.joined(separator: ","),
                    reason: "must name a directory to keep the previous public key in during the rotation"))
            }
            let file = "\(directory)/\(previous.kid).pem"
            do { try KeyFile.write(try previous.publicKeyPEM(), to: file, mode: 0o644) } catch {
                throw .failed("cannot write the previous public key to \(file): \(error)")
            }
            publicFile = file
        }
        let next: RSAKey
        do {
            next = try RSAKey.generate(bits: max(keyBits, previous.bits))
            try KeyFile.write(try next.privateKeyPEM(), to: configured.privateKeyPath, mode: 0o600)
        } catch {
            throw .failed("cannot write the new signing key to \(configured.privateKeyPath): \(error)")
        }
        return Summary(previousKeyID: previous.kid, newKeyID: next.kid, previousPublicKeyFile: publicFile,
                       previousKeyValidUntil: nil)
    }

    /// The store's own exclusive `flock` on `<data>/tradebot.lock`; the descriptor to close.
    static func lockDataDirectory(_ directory: String) throws(RotationError) -> Int32 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .failed("no data directory at \(directory)")
        }
        let path = directory + "/tradebot.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .failed("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw .inUse(dataDirectory: directory) }
            throw .failed("cannot lock \(path): \(String(cString: strerror(code)))")
        }
        return fd
    }
}
