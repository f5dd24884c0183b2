import COpenSSL
@testable import Security

/// Shared keys and helpers. Keys are 2048-bit to keep the suite fast; the 3072-bit default is
/// exercised once in `RSAKeyTests`.
enum Fixtures {
    static let keyA: RSAKey = makeKey()
    static let keyB: RSAKey = makeKey()
    static let start = UnixTime(seconds: 1_800_000_000)
    static let issuer = "tradebotd-test"
    static let audience = "tradebot-api"

    private static func makeKey() -> RSAKey {
        do { return try RSAKey.generate(bits: 2048) } catch { preconditionFailure("test key generation failed: \(error)") }
    }

    static func verifierConfiguration() -> AccessTokenVerifier.Configuration {
        .init(issuer: issuer, audience: audience)
    }

    /// A key ring with keyA signing, a clock at `start`, an issuer and a verifier.
    struct JWTSetup {
        let clock = ManualClock(Fixtures.start)
        let ring = JWTKeyRing(signingKey: Fixtures.keyA)
        var issuer: AccessTokenIssuer {
            AccessTokenIssuer(configuration: .init(issuer: Fixtures.issuer, audience: Fixtures.audience),
                              keyRing: ring, clock: clock)
        }
        var verifier: AccessTokenVerifier {
            AccessTokenVerifier(configuration: Fixtures.verifierConfiguration(), keyRing: ring, clock: clock)
        }
    }

    /// Valid claims at `start` as ordered (name, JSON literal) pairs, so a test can drop,
    /// retype or duplicate one member.
    static func claimMembers(now: Int64 = start.seconds) -> [(String, String)] {
        [("iss", "\"\(issuer)\""), ("aud", "\"\(audience)\""), ("sub", "\"user-1\""), ("role", "\"trader\""),
         ("iat", "\(now)"), ("nbf", "\(now)"), ("exp", "\(now + 900)"), ("jti", "\"jti-1\"")]
    }

    static func json(_ members: [(String, String)]) -> String {
        "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func replacing(_ name: String, with literal: String) -> [(String, String)] {
        claimMembers().map { $0.0 == name ? ($0.0, literal) : $0 }
    }

    static func rs256Header(kid: String) -> String { "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"\(kid)\"}" }

    /// Signs arbitrary header and payload JSON with `key` (RS256), exactly as an attacker
    /// holding that key would.
    static func signed(header: String, payload: String, key: RSAKey = keyA) throws -> String {
        try AccessTokenIssuer.sign(claimsJSON: payload, key: key, header: header)
    }

    static func b64(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    /// HS256 over the signing input with `secret` as the HMAC key (the classic key-confusion forgery).
    static func hs256(header: String, payload: String, secret: [UInt8]) -> String {
        let input = b64(header) + "." + b64(payload)
        let bytes = Array(input.utf8)
        var mac = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = secret.withUnsafeBufferPointer { s in
            bytes.withUnsafeBufferPointer { m in
                mac.withUnsafeMutableBufferPointer { o in
                    HMAC(EVP_sha256(), s.baseAddress, Int32(s.count), m.baseAddress, m.count, o.baseAddress, &length)
                }
            }
        }
        return input + "." + Base64URL.encode(mac)
    }

    /// RS512 signed with a real key: correct signature, forbidden algorithm.
    static func rs512(header: String, payload: String, key: RSAKey) -> String {
        let input = b64(header) + "." + b64(payload)
        let message = Array(input.utf8)
        guard let md = EVP_MD_CTX_new() else { return input + ".x" }
        defer { EVP_MD_CTX_free(md) }
        var length = 0
        guard EVP_DigestSignInit(md, nil, EVP_sha512(), nil, key.pkey) == 1,
              EVP_DigestSign(md, nil, &length, message, message.count) == 1 else { return input + ".x" }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(md, &signature, &length, message, message.count) == 1 else { return input + ".x" }
        return input + "." + Base64URL.encode(signature.prefix(length))
    }
}
