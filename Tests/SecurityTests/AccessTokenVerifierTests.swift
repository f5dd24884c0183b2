import Testing
@testable import Security

/// One forged or broken token and the refusal it must produce.
struct ForgedToken: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: TokenVerificationError
    let make: @Sendable () throws -> String
    var testDescription: String { name }
}

private let kidA = Fixtures.keyA.kid
private let validPayload = Fixtures.json(Fixtures.claimMembers())
private let goodHeader = Fixtures.rs256Header(kid: kidA)

private func tamper(_ token: String, segment: Int, _ change: (String) -> String) -> String {
    var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    parts[segment] = change(parts[segment])
    return parts.joined(separator: ".")
}

let forgedTokens: [ForgedToken] = [
    // Algorithm confusion.
    ForgedToken(name: "alg none with an empty signature", expected: .malformedStructure) {
        Fixtures.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Fixtures.b64(validPayload) + "."
    },
    ForgedToken(name: "alg none with a signature segment", expected: .unsupportedAlgorithm) {
        Fixtures.b64("{\"alg\":\"none\",\"kid\":\"\(kidA)\"}") + "." + Fixtures.b64(validPayload) + ".AAAA"
    },
    ForgedToken(name: "alg None in other case", expected: .unsupportedAlgorithm) {
        Fixtures.b64("{\"alg\":\"None\",\"kid\":\"\(kidA)\"}") + "." + Fixtures.b64(validPayload) + ".AAAA"
    },
    ForgedToken(name: "HS256 signed with the RSA public key PEM as HMAC secret", expected: .unsupportedAlgorithm) {
        let pem = try Fixtures.keyA.publicKeyPEM()
        return Fixtures.hs256(header: "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"\(kidA)\"}",
                              payload: validPayload, secret: Array(pem.utf8))
    },
    ForgedToken(name: "RS512 correctly signed by the real key", expected: .unsupportedAlgorithm) {
        Fixtures.rs512(header: "{\"alg\":\"RS512\",\"typ\":\"JWT\",\"kid\":\"\(kidA)\"}", payload: validPayload, key: Fixtures.keyA)
    },
    ForgedToken(name: "lower-case rs256", expected: .unsupportedAlgorithm) {
        try Fixtures.signed(header: "{\"alg\":\"rs256\",\"kid\":\"\(kidA)\"}", payload: validPayload)
    },
    ForgedToken(name: "alg missing", expected: .unsupportedAlgorithm) {
        try Fixtures.signed(header: "{\"kid\":\"\(kidA)\"}", payload: validPayload)
    },
    ForgedToken(name: "alg as an array", expected: .unsupportedAlgorithm) {
        try Fixtures.signed(header: "{\"alg\":[\"RS256\"],\"kid\":\"\(kidA)\"}", payload: validPayload)
    },
    ForgedToken(name: "critical header extension", expected: .unsupportedHeader) {
        try Fixtures.signed(header: "{\"alg\":\"RS256\",\"kid\":\"\(kidA)\",\"crit\":[\"b64\"],\"b64\":false}", payload: validPayload)
    },
    ForgedToken(name: "typ other than JWT", expected: .unsupportedHeader) {
        try Fixtures.signed(header: "{\"alg\":\"RS256\",\"typ\":\"at+jwt+x\",\"kid\":\"\(kidA)\"}", payload: validPayload)
    },
    // Keys and signatures.
    ForgedToken(name: "unknown kid (attacker's own key)", expected: .unknownKey) {
        try Fixtures.signed(header: Fixtures.rs256Header(kid: Fixtures.keyB.kid), payload: validPayload, key: Fixtures.keyB)
    },
    ForgedToken(name: "kid missing", expected: .unknownKey) {
        try Fixtures.signed(header: "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", payload: validPayload)
    },
    ForgedToken(name: "our kid, signed by another key", expected: .badSignature) {
        try Fixtures.signed(header: goodHeader, payload: validPayload, key: Fixtures.keyB)
    },
    ForgedToken(name: "payload changed after signing (role escalated)", expected: .badSignature) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        return tamper(token, segment: 1) { _ in Fixtures.b64(Fixtures.json(Fixtures.replacing("role", with: "\"admin\""))) }
    },
    ForgedToken(name: "signature bit flipped", expected: .badSignature) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        return tamper(token, segment: 2) { sig in
            var bytes = (try? Base64URL.decode(sig)) ?? []
            bytes[10] ^= 0x01
            return Base64URL.encode(bytes)
        }
    },
    ForgedToken(name: "signature truncated", expected: .badSignature) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        return tamper(token, segment: 2) { Base64URL.encode(((try? Base64URL.decode($0)) ?? []).dropLast(3)) }
    },
    ForgedToken(name: "signature of the header only", expected: .badSignature) {
        let token = try Fixtures.signed(header: goodHeader, payload: "{}")
        return tamper(token, segment: 1) { _ in Fixtures.b64(validPayload) }
    },
    // Time.
    ForgedToken(name: "expired beyond the skew", expected: .expired) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("exp", with: "\(Fixtures.start.seconds - 31)")))
    },
    ForgedToken(name: "not yet valid beyond the skew", expected: .notYetValid) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("nbf", with: "\(Fixtures.start.seconds + 31)")))
    },
    ForgedToken(name: "issued in the future", expected: .issuedInFuture) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("iat", with: "\(Fixtures.start.seconds + 120)")))
    },
    ForgedToken(name: "lifetime of a year", expected: .lifetimeTooLong) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("exp", with: "\(Fixtures.start.seconds + 365 * 86_400)")))
    },
    // Issuer and audience.
    ForgedToken(name: "wrong issuer", expected: .wrongIssuer) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("iss", with: "\"evil\"")))
    },
    ForgedToken(name: "wrong audience", expected: .wrongAudience) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("aud", with: "\"other-api\"")))
    },
    ForgedToken(name: "audience array with a second audience", expected: .invalidClaim("aud")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("aud", with: "[\"tradebot-api\",\"x\"]")))
    },
    // Claim types.
    ForgedToken(name: "exp as a string", expected: .invalidClaim("exp")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("exp", with: "\"1800000900\"")))
    },
    ForgedToken(name: "exp as a fraction", expected: .invalidClaim("exp")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("exp", with: "1800000900.5")))
    },
    ForgedToken(name: "exp as true", expected: .invalidClaim("exp")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("exp", with: "true")))
    },
    ForgedToken(name: "negative iat", expected: .invalidClaim("iat")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("iat", with: "-5")))
    },
    ForgedToken(name: "unknown role", expected: .invalidClaim("role")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("role", with: "\"root\"")))
    },
    ForgedToken(name: "sub as a number", expected: .invalidClaim("sub")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("sub", with: "42")))
    },
    ForgedToken(name: "empty sub", expected: .invalidClaim("sub")) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("sub", with: "\"\"")))
    },
    // Duplicates and malformed JSON.
    ForgedToken(name: "duplicate role claim (observer then admin)", expected: .malformedJSON) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.claimMembers() + [("role", "\"admin\"")]))
    },
    ForgedToken(name: "duplicate alg in the header", expected: .malformedJSON) {
        try Fixtures.signed(header: "{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"\(kidA)\"}", payload: validPayload)
    },
    ForgedToken(name: "header is not JSON", expected: .malformedJSON) {
        Fixtures.b64("alg=RS256") + "." + Fixtures.b64(validPayload) + ".AAAA"
    },
    ForgedToken(name: "header is a JSON array", expected: .malformedJSON) {
        Fixtures.b64("[\"RS256\"]") + "." + Fixtures.b64(validPayload) + ".AAAA"
    },
    ForgedToken(name: "payload is not JSON (signed)", expected: .malformedJSON) {
        try Fixtures.signed(header: goodHeader, payload: "sub=admin")
    },
    ForgedToken(name: "payload with trailing garbage (signed)", expected: .malformedJSON) {
        try Fixtures.signed(header: goodHeader, payload: validPayload + "x")
    },
    // Encoding and structure.
    ForgedToken(name: "padded base64", expected: .malformedBase64) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        return tamper(token, segment: 0) { $0 + "==" }
    },
    ForgedToken(name: "standard-alphabet base64 characters", expected: .malformedBase64) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        return tamper(token, segment: 2) { "+/" + $0.dropFirst(2) }
    },
    ForgedToken(name: "whitespace inside the signature segment", expected: .malformedBase64) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        return tamper(token, segment: 2) { " " + $0 }
    },
    ForgedToken(name: "whitespace inside the signed payload segment (signature covers raw text)", expected: .badSignature) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        return tamper(token, segment: 1) { " " + $0 }
    },
    ForgedToken(name: "non-canonical trailing bits in the signature", expected: .malformedBase64) {
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        // 256 bytes encode to 342 chars whose last char carries 4 unused zero bits; set one.
        return tamper(token, segment: 2) { sig in
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            guard let last = sig.last, let index = alphabet.firstIndex(of: last) else { return sig }
            return String(sig.dropLast()) + String(alphabet[index | 1])
        }
    },
    ForgedToken(name: "two segments", expected: .malformedStructure) {
        Fixtures.b64(goodHeader) + "." + Fixtures.b64(validPayload)
    },
    ForgedToken(name: "four segments", expected: .malformedStructure) {
        try Fixtures.signed(header: goodHeader, payload: validPayload) + ".AAAA"
    },
    ForgedToken(name: "empty string", expected: .malformedStructure) { "" },
    ForgedToken(name: "oversized token", expected: .oversized) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.claimMembers() + [("pad", "\"" + String(repeating: "a", count: 5000) + "\"")]))
    },
    ForgedToken(name: "deeply nested header", expected: .malformedJSON) {
        Fixtures.b64(String(repeating: "[", count: 50) + String(repeating: "]", count: 50)) + "." + Fixtures.b64(validPayload) + ".AAAA"
    },
] + ["iss", "aud", "sub", "role", "iat", "nbf", "exp", "jti"].map { claim in
    ForgedToken(name: "missing \(claim)", expected: .missingClaim(claim)) {
        try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.claimMembers().filter { $0.0 != claim }))
    }
}

@Suite("RS256 access tokens")
struct AccessTokenVerifierTests {
    @Test("a forged or malformed token is refused with the precise reason", arguments: forgedTokens)
    func forgedTokenIsRefused(_ forged: ForgedToken) throws {
        let setup = Fixtures.JWTSetup()
        let token = try forged.make()
        #expect(throws: forged.expected) { _ = try setup.verifier.verify(token) }
    }

    @Test("the hand-built valid token of the forgery table verifies (the table tests what it claims)")
    func controlTokenVerifies() throws {
        let setup = Fixtures.JWTSetup()
        let token = try Fixtures.signed(header: goodHeader, payload: validPayload)
        let claims = try setup.verifier.verify(token)
        #expect(claims.subject == "user-1" && claims.role == .trader && claims.tokenID == "jti-1")
    }

    @Test("an issued token round-trips with every claim", arguments: Role.allCases)
    func roundTrip(role: Role) throws {
        let setup = Fixtures.JWTSetup()
        let issued = try setup.issuer.issue(subject: "user-42", role: role)
        let claims = try setup.verifier.verify(issued.token)
        #expect(claims == issued.claims)
        #expect(claims.issuer == Fixtures.issuer && claims.audience == Fixtures.audience)
        #expect(claims.issuedAt == Fixtures.start.seconds && claims.notBefore == claims.issuedAt)
        #expect(claims.expiresAt == Fixtures.start.seconds + 900)
        #expect(claims.tokenID.utf8.count == 22)
    }

    @Test("the header names RS256 and the signing key's kid")
    func headerContents() throws {
        let setup = Fixtures.JWTSetup()
        let token = try setup.issuer.issue(subject: "u", role: .observer).token
        let header = try Base64URL.decode(token.split(separator: ".")[0])
        #expect(String(decoding: header, as: UTF8.self) == "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"\(kidA)\"}")
    }

    @Test("jti is unique per issued token")
    func uniqueTokenIDs() throws {
        let setup = Fixtures.JWTSetup()
        let ids = try (0..<50).map { _ in try setup.issuer.issue(subject: "u", role: .observer).claims.tokenID }
        #expect(Set(ids).count == 50)
    }

    @Test("expiry honours the clock skew on both sides",
          arguments: [(Duration.seconds(899), true), (.seconds(929), true), (.seconds(930), false), (.seconds(3600), false)])
    func expiryWithSkew(elapsed: Duration, accepted: Bool) throws {
        let setup = Fixtures.JWTSetup()
        let token = try setup.issuer.issue(subject: "u", role: .observer).token
        setup.clock.advance(by: elapsed)
        if accepted {
            _ = try setup.verifier.verify(token)
        } else {
            #expect(throws: TokenVerificationError.expired) { _ = try setup.verifier.verify(token) }
        }
    }

    @Test("a token verified by a server whose clock is 29 s behind is accepted, 31 s behind is not")
    func notBeforeWithSkew() throws {
        let setup = Fixtures.JWTSetup()
        let token = try setup.issuer.issue(subject: "u", role: .observer).token
        setup.clock.advance(by: .seconds(-29))
        _ = try setup.verifier.verify(token)
        setup.clock.advance(by: .seconds(-2))
        #expect(throws: TokenVerificationError.notYetValid) { _ = try setup.verifier.verify(token) }
    }

    @Test("a configurable skew of zero is exact")
    func zeroSkew() throws {
        let setup = Fixtures.JWTSetup()
        var configuration = Fixtures.verifierConfiguration()
        configuration.clockSkew = .zero
        let verifier = AccessTokenVerifier(configuration: configuration, keyRing: setup.ring, clock: setup.clock)
        let token = try setup.issuer.issue(subject: "u", role: .observer).token
        setup.clock.advance(by: .seconds(899))
        _ = try verifier.verify(token)
        setup.clock.advance(by: .seconds(1))
        #expect(throws: TokenVerificationError.expired) { _ = try verifier.verify(token) }
    }

    @Test("an audience given as a one-element array is accepted")
    func audienceArray() throws {
        let setup = Fixtures.JWTSetup()
        let token = try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.replacing("aud", with: "[\"tradebot-api\"]")))
        #expect(try setup.verifier.verify(token).audience == Fixtures.audience)
    }

    @Test("unknown extra claims are ignored")
    func extraClaims() throws {
        let setup = Fixtures.JWTSetup()
        let token = try Fixtures.signed(header: goodHeader, payload: Fixtures.json(Fixtures.claimMembers() + [("scope", "[\"x\"]")]))
        #expect(try setup.verifier.verify(token).subject == "user-1")
    }
}
