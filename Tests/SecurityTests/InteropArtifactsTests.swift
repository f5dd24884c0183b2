import Glibc
import Testing
@testable import Security

/// Where the interop artifacts go: `$TRADEBOT_SWIFT_GOLDEN_OUT/security` (scripts/test sets
/// the variable and runs pytest after `swift test`; Tests/Interop/test_jwt_pyjwt.py reads them).
private let interopOut: String? = {
    guard let raw = getenv("TRADEBOT_SWIFT_GOLDEN_OUT") else { return nil }
    let base = String(cString: raw)
    return base.isEmpty ? nil : base + "/security"
}()

/// Tokens written by PyJWT for the reverse check (`TRADEBOT_SECURITY_INTEROP_IN`, manual run;
/// see docs/SECURITY.md "Interop checks").
private let interopIn: String? = getenv("TRADEBOT_SECURITY_INTEROP_IN").map { String(cString: $0) }

@Suite("Interop artifacts for PyJWT")
struct InteropArtifactsTests {
    @Test("writes a signed token, its public key, JWKS and an scrypt hash for the PyJWT check",
          .enabled(if: interopOut != nil, "TRADEBOT_SWIFT_GOLDEN_OUT is not set (scripts/test sets it)"))
    func writeArtifacts() throws {
        guard let dir = interopOut else { return }
        _ = mkdir(dir, 0o700)
        let key = try RSAKey.generate()
        let ring = JWTKeyRing(signingKey: key)
        // Real time: PyJWT checks exp/nbf against its own clock.
        let issuer = AccessTokenIssuer(configuration: .init(issuer: "tradebotd", audience: "tradebot-api"),
                                       keyRing: ring, clock: SystemClock())
        let issued = try issuer.issue(subject: "user-7", role: .trader)
        try KeyFile.write(issued.token, to: dir + "/token.txt", mode: 0o600)
        try KeyFile.write(try key.publicKeyPEM(), to: dir + "/public.pem", mode: 0o644)
        try KeyFile.write(try key.privateKeyPEM(), to: dir + "/private.pem", mode: 0o600)
        try KeyFile.write(ring.jwks(at: SystemClock().now()), to: dir + "/jwks.json", mode: 0o644)
        try KeyFile.write(key.kid, to: dir + "/kid.txt", mode: 0o644)
        try KeyFile.write(issued.claims.tokenID, to: dir + "/jti.txt", mode: 0o644)
        let hasher = PasswordHasher(parameters: ScryptParameters(logN: 14, r: 8, p: 1))
        try KeyFile.write(try hasher.hash("interop pässword"), to: dir + "/scrypt.txt", mode: 0o600)
    }

    @Test("tokens made by PyJWT verify or are refused exactly as the forgery table says",
          .enabled(if: interopIn != nil, "TRADEBOT_SECURITY_INTEROP_IN is not set (manual check)"))
    func pyjwtTokens() throws {
        guard let dir = interopIn else { return }
        let key = try RSAKey(privateKeyPEM: KeyFile.read(dir + "/private.pem", isSecret: true))
        let verifier = AccessTokenVerifier(configuration: .init(issuer: "tradebotd", audience: "tradebot-api"),
                                           keyRing: JWTKeyRing(signingKey: key), clock: SystemClock())
        let valid = try KeyFile.read(dir + "/pyjwt-valid.txt", isSecret: false)
        let claims = try verifier.verify(valid.trimmingSuffixNewline)
        #expect(claims.subject == "py-user" && claims.role == .observer)
        let expectations: [(String, TokenVerificationError)] = [
            ("pyjwt-hs256-public-key.txt", .unsupportedAlgorithm), ("pyjwt-none.txt", .malformedStructure),
            ("pyjwt-rs512.txt", .unsupportedAlgorithm), ("pyjwt-expired.txt", .expired),
            ("pyjwt-wrong-aud.txt", .wrongAudience), ("pyjwt-no-kid.txt", .unknownKey),
        ]
        for (file, error) in expectations {
            let token = try KeyFile.read(dir + "/" + file, isSecret: false).trimmingSuffixNewline
            #expect(throws: error, "\(file)") { _ = try verifier.verify(token) }
        }
    }
}

extension String {
    var trimmingSuffixNewline: String {
        var copy = self
        while copy.hasSuffix("\n") { copy.removeLast() }
        return copy
    }
}
