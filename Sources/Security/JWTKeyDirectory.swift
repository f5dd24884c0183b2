#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The on-disk home of the JWT signing keys, for the embedded default ("generated on first
/// start") and for rotation that survives restarts.
///
/// Layout (directory mode 0700):
/// - `signing-key.pem`: the current private key, PKCS#8, mode 0600.
/// - `retired/<kid>.<unix seconds>.pem`: public keys of previous signing keys, verifying
///   until the given time; files past their time are deleted on load.
///
/// Deployments that configure explicit PEM paths build a `JWTKeyRing` from `KeyFile.read` +
/// `RSAKey(privateKeyPEM:)` instead.
public struct JWTKeyDirectory: Sendable {
    public enum DirectoryError: Error, Sendable, Equatable {
        case file(KeyFile.FileError)
        case key(RSAKey.KeyError)
    }

    public let path: String
    public let keyBits: Int

    public init(path: String, keyBits: Int = 3072) {
        self.path = path
        self.keyBits = keyBits
    }

    var signingKeyPath: String { path + "/signing-key.pem" }
    var retiredPath: String { path + "/retired" }

    /// Loads the key ring, generating and saving a signing key on first start.
    public func loadOrCreate(now: UnixTime) throws(DirectoryError) -> JWTKeyRing {
        try makeDirectory(path)
        try makeDirectory(retiredPath)
        let signing: RSAKey
        if access(signingKeyPath, F_OK) == 0 {
            signing = try loadPrivate(signingKeyPath)
        } else {
            do { signing = try RSAKey.generate(bits: keyBits) } catch { throw .key(error) }
            try save(signing)
        }
        let ring = JWTKeyRing(signingKey: signing)
        for name in try listRetired() {
            // <kid>.<seconds>.pem; kids are base64url (no dots).
            let parts = name.split(separator: ".")
            guard parts.count == 3, parts[2] == "pem", let seconds = Int64(parts[1]) else { continue }
            let file = retiredPath + "/" + name
            let until = UnixTime(seconds: seconds)
            if until <= now { unlink(file); continue }
            let key: RSAKey
            do { key = try RSAKey(publicKeyPEM: KeyFile.read(file, isSecret: false)) }
            catch let error as KeyFile.FileError { throw .file(error) }
            catch let error as RSAKey.KeyError { throw .key(error) }
            catch { continue }
            guard key.kid == parts[0] else { continue }  // renamed or tampered file: ignore
            ring.addVerificationKey(key, until: until)
        }
        return ring
    }

    /// Generates a new signing key, keeps the old public key verifying for `retainPreviousFor`
    /// (at least access-token lifetime + skew), persists both, and updates `ring`.
    @discardableResult
    public func rotate(_ ring: JWTKeyRing, now: UnixTime, retainPreviousFor: Duration) throws(DirectoryError) -> RSAKey {
        let previous = ring.signingKey
        let next: RSAKey
        do { next = try RSAKey.generate(bits: keyBits) } catch { throw .key(error) }
        let until = now + retainPreviousFor
        let publicPEM: String
        do { publicPEM = try previous.publicKeyPEM() } catch { throw .key(error) }
        do { try KeyFile.write(publicPEM, to: "\(retiredPath)/\(previous.kid).\(until.seconds).pem", mode: 0o644) }
        catch { throw .file(error) }
        try save(next)
        ring.rotate(to: next, now: now, retainPreviousFor: retainPreviousFor)
        return next
    }

    private func save(_ key: RSAKey) throws(DirectoryError) {
        let pem: String
        do { pem = try key.privateKeyPEM() } catch { throw .key(error) }
        do { try KeyFile.write(pem, to: signingKeyPath, mode: 0o600) } catch { throw .file(error) }
    }

    private func loadPrivate(_ file: String) throws(DirectoryError) -> RSAKey {
        let pem: String
        do { pem = try KeyFile.read(file, isSecret: true) } catch { throw .file(error) }
        do { return try RSAKey(privateKeyPEM: pem) } catch { throw .key(error) }
    }

    private func makeDirectory(_ directory: String) throws(DirectoryError) {
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw .file(.system(operation: "mkdir \(directory)", errno: errno))
        }
    }

    private func listRetired() throws(DirectoryError) -> [String] {
        guard let dir = opendir(retiredPath) else {
            throw .file(.system(operation: "opendir \(retiredPath)", errno: errno))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(".pem") { names.append(name) }
        }
        return names.sorted()
    }
}
