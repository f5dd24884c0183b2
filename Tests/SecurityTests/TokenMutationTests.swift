import Testing
@testable import Security

/// A small deterministic generator (SplitMix64) so failures reproduce from the seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Token mutations and random input")
struct TokenMutationTests {
    @Test("every single-character change of a valid token is refused", arguments: [1, 2, 3] as [UInt64])
    func singleCharacterMutations(seed: UInt64) throws {
        let setup = Fixtures.JWTSetup()
        let token = Array(try setup.issuer.issue(subject: "alice", role: .observer).token.utf8)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ".utf8)
        var random = SplitMix64(state: seed)
        for _ in 0..<300 {
            var mutated = token
            let position = Int.random(in: 0..<mutated.count, using: &random)
            let replacement = alphabet.randomElement(using: &random) ?? UInt8(ascii: "A")
            guard mutated[position] != replacement else { continue }
            mutated[position] = replacement
            let text = String(decoding: mutated, as: UTF8.self)
            #expect(throws: TokenVerificationError.self, "position \(position)") { _ = try setup.verifier.verify(text) }
        }
    }

    @Test("random dot-separated garbage never verifies and never crashes", arguments: [7, 8] as [UInt64])
    func randomGarbage(seed: UInt64) {
        let setup = Fixtures.JWTSetup()
        var random = SplitMix64(state: seed)
        for _ in 0..<2000 {
            let segments = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Base64URL.encode((0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            }
            let text = segments.joined(separator: ".")
            #expect(throws: TokenVerificationError.self) { _ = try setup.verifier.verify(text) }
        }
    }

    @Test("random JSON-ish headers never verify", arguments: [11] as [UInt64])
    func randomHeaders(seed: UInt64) {
        let setup = Fixtures.JWTSetup()
        var random = SplitMix64(state: seed)
        let pieces = ["{", "}", "[", "]", ",", ":", "\"alg\"", "\"RS256\"", "\"kid\"", "\"\(Fixtures.keyA.kid)\"", "1", "null",
                      "\"\\u0000\"", "true", " "]
        for _ in 0..<2000 {
            let header = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let text = Fixtures.b64(header) + "." + Fixtures.b64("{}") + ".AAAA"
            #expect(throws: TokenVerificationError.self) { _ = try setup.verifier.verify(text) }
        }
    }
}
