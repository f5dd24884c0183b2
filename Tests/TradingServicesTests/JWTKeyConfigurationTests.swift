#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Security
import Testing
@testable import TradingServices

/// Configured JWT keys and the offline rotation command's logic (issue 6).
@Suite("JWT keys from PEM paths and rotation", .serialized)
struct JWTKeyConfigurationTests {
    static let now = UnixTime(seconds: 1_800_000_000)

    /// Writes a fresh 2048-bit key's private PEM (0600) and returns the key.
    static func privateKeyFile(_ path: String) throws -> RSAKey {
        let key = try RSAKey.generate(bits: 2048)
        try KeyFile.write(try key.privateKeyPEM(), to: path, mode: 0o600)
        return key
    }

    @Test("TRADEBOT_JWT_KEY signs and every key of TRADEBOT_JWT_PUBLIC_KEYS (files and directories) verifies")
    func configuredRing() throws {
        let dir = ScratchDirectory("jwt-config")
        defer { dir.remove() }
        let signing = try Self.privateKeyFile("\(dir.path)/signing.pem")
        try FileManager.default.createDirectory(atPath: "\(dir.path)/previous", withIntermediateDirectories: true)
        let old = try RSAKey.generate(bits: 2048)
        try KeyFile.write(try old.publicKeyPEM(), to: "\(dir.path)/previous/old.pem", mode: 0o644)
        let older = try RSAKey.generate(bits: 2048)
        try KeyFile.write(try older.publicKeyPEM(), to: "\(dir.path)/older.pem", mode: 0o644)

        let options = try IdentityComponent.Options(environment: [
            "TRADEBOT_JWT_KEY": "\(dir.path)/signing.pem",
            "TRADEBOT_JWT_PUBLIC_KEYS": "\(dir.path)/previous, \(dir.path)/older.pem",
        ])
        let configured = try #require(options.jwtKeys)
        let ring = try configured.loadRing(now: Self.now)
        #expect(ring.signingKey.kid == signing.kid)
        #expect(ring.verificationKey(kid: old.kid, at: Self.now) != nil)
        #expect(ring.verificationKey(kid: older.kid, at: Self.now) != nil)
        #expect(ring.verificationKey(kid: signing.kid, at: Self.now) != nil)

        // The component uses it instead of <data>/keys.
        let runtime = try makeRuntime(directory: dir.path + "/data")
        defer { runtime.store.close() }
        var componentOptions = quickIdentityOptions()
        componentOptions.jwtKeys = configured
        let component = try IdentityComponent(runtime: runtime, options: componentOptions)
        #expect(component.keyRing.signingKey.kid == signing.kid)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/data/keys"))
    }

    @Test("Bad key settings stop the start, naming the setting")
    func refusals() throws {
        let dir = ScratchDirectory("jwt-config-bad")
        defer { dir.remove() }
        #expect(try JWTKeyConfiguration.from(environment: [:]) == nil)
        // Public keys without a private key would be silently ignored: refused.
        #expect(throws: ConfigurationError.self) {
            try JWTKeyConfiguration.from(environment: ["TRADEBOT_JWT_PUBLIC_KEYS": dir.path])
        }
        let missing = JWTKeyConfiguration(privateKeyPath: "\(dir.path)/none.pem")
        #expect(throws: ConfigurationError.self) { try missing.loadRing(now: Self.now) }
        _ = try Self.privateKeyFile("\(dir.path)/loose.pem")
        chmod("\(dir.path)/loose.pem", 0o644)
        do {
            _ = try JWTKeyConfiguration(privateKeyPath: "\(dir.path)/loose.pem").loadRing(now: Self.now)
            Issue.record("a world-readable private key was accepted")
        } catch {
            #expect(error.description.contains("TRADEBOT_JWT_KEY"))
        }
        _ = try Self.privateKeyFile("\(dir.path)/ok.pem")
        let badPublic = JWTKeyConfiguration(privateKeyPath: "\(dir.path)/ok.pem", publicKeyPaths: ["\(dir.path)/nope.pem"])
        #expect(throws: ConfigurationError.missingFile(setting: "TRADEBOT_JWT_PUBLIC_KEYS", path: "\(dir.path)/nope.pem")) {
            try badPublic.loadRing(now: Self.now)
        }
    }

    @Test("Rotating configured keys keeps the previous public key verifying and replaces the private key (0600)")
    func rotateConfigured() throws {
        let dir = ScratchDirectory("jwt-rotate-config")
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: "\(dir.path)/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(dir.path)/public", withIntermediateDirectories: true)
        let original = try Self.privateKeyFile("\(dir.path)/signing.pem")
        let environment = ["TRADEBOT_JWT_KEY": "\(dir.path)/signing.pem", "TRADEBOT_JWT_PUBLIC_KEYS": "\(dir.path)/public"]

        let summary = try JWTKeyRotation.rotate(dataDirectory: "\(dir.path)/data", environment: environment,
                                                now: Self.now, keyBits: 2048)
        #expect(summary.previousKeyID == original.kid)
        #expect(summary.newKeyID != original.kid)
        #expect(summary.previousPublicKeyFile == "\(dir.path)/public/\(original.kid).pem")
        var info = stat()
        #expect(stat("\(dir.path)/signing.pem", &info) == 0)
        #expect(info.st_mode & 0o077 == 0)

        let ring = try #require(try JWTKeyConfiguration.from(environment: environment)).loadRing(now: Self.now)
        #expect(ring.signingKey.kid == summary.newKeyID)
        #expect(ring.verificationKey(kid: original.kid, at: Self.now) != nil)

        // Without a directory to keep the previous key in, the rotation refuses (nothing changes).
        let noDirectory = ["TRADEBOT_JWT_KEY": "\(dir.path)/signing.pem"]
        #expect(throws: JWTKeyRotation.RotationError.self) {
            try JWTKeyRotation.rotate(dataDirectory: "\(dir.path)/data", environment: noDirectory, now: Self.now, keyBits: 2048)
        }
        #expect(try JWTKeyConfiguration(privateKeyPath: "\(dir.path)/signing.pem").loadRing(now: Self.now).signingKey.kid
                == summary.newKeyID)
    }

    @Test("Rotating generated keys retires the previous key for the retention; an emergency rotation drops it")
    func rotateGenerated() throws {
        let dir = ScratchDirectory("jwt-rotate-generated")
        defer { dir.remove() }
        let first = try JWTKeyDirectory(path: "\(dir.path)/keys", keyBits: 2048).loadOrCreate(now: Self.now).signingKey
        let summary = try JWTKeyRotation.rotate(dataDirectory: dir.path, environment: [:], now: Self.now, keyBits: 2048)
        #expect(summary.previousKeyID == first.kid)
        #expect(summary.previousKeyValidUntil == Self.now + JWTKeyRotation.defaultRetention)
        let reloaded = try JWTKeyDirectory(path: "\(dir.path)/keys", keyBits: 2048).loadOrCreate(now: Self.now)
        #expect(reloaded.signingKey.kid == summary.newKeyID)
        #expect(reloaded.verificationKey(kid: first.kid, at: Self.now) != nil)
        #expect(reloaded.verificationKey(kid: first.kid, at: Self.now + .seconds(16 * 60)) == nil)

        let emergency = try JWTKeyRotation.rotate(dataDirectory: dir.path, environment: [:], now: Self.now,
                                                  retainPreviousFor: .zero, keyBits: 2048)
        #expect(emergency.previousPublicKeyFile == nil)
        let after = try JWTKeyDirectory(path: "\(dir.path)/keys", keyBits: 2048).loadOrCreate(now: Self.now)
        #expect(after.verificationKey(kid: summary.newKeyID, at: Self.now) == nil)
    }

    @Test("Rotation is refused while a server holds the data directory")
    func refusedWhileRunning() throws {
        let dir = ScratchDirectory("jwt-rotate-locked")
        defer { dir.remove() }
        let runtime = try makeRuntime(directory: dir.path)  // the store takes the lock
        defer { runtime.store.close() }
        #expect(throws: JWTKeyRotation.RotationError.inUse(dataDirectory: dir.path)) {
            try JWTKeyRotation.rotate(dataDirectory: dir.path, environment: [:], now: Self.now, keyBits: 2048)
        }
    }
}
