import Testing
@testable import Security

@Suite("Password hashing (scrypt via EVP_KDF)")
struct PasswordHasherTests {
    /// Cheap parameters keep the suite fast; the recommended cost is tested once.
    let fast = PasswordHasher(parameters: ScryptParameters(logN: 10, r: 8, p: 1))

    @Test("scrypt matches the RFC 7914 test vector (N=1024, r=8, p=16)")
    func rfcVector() throws {
        let out = try PasswordHasher.scrypt(password: "password", salt: Array("NaCl".utf8),
                                            parameters: ScryptParameters(logN: 10, r: 8, p: 16), length: 64)
        #expect(SHA256Digest.hexString(out) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test("the right password verifies and wrong ones do not",
          arguments: ["correct horse battery staple", "Correct horse battery staple", "correct horse battery stapl",
                      "correct horse battery staple ", "ｃorrect horse battery staple"])
    func verifyGoodAndBad(candidate: String) throws {
        let stored = try fast.hash("correct horse battery staple")
        #expect(try fast.verify(candidate, against: stored) == (candidate == "correct horse battery staple"))
    }

    @Test("the recommended parameters hash and verify, and are stored in the string")
    func recommended() throws {
        let hasher = PasswordHasher()
        let stored = try hasher.hash("s3cret-passphrase")
        #expect(stored.hasPrefix("$scrypt$ln=15,r=8,p=3$"))
        #expect(try hasher.verify("s3cret-passphrase", against: stored))
        #expect(!hasher.needsRehash(stored))
    }

    @Test("every hash gets its own salt")
    func saltUniqueness() throws {
        let hashes = try (0..<20).map { _ in try fast.hash("same password") }
        let salts = try hashes.map { try EncodedPasswordHash(parsing: $0).salt }
        #expect(Set(hashes).count == 20)
        #expect(Set(salts).count == 20)
        #expect(salts.allSatisfy { $0.count == 16 })
    }

    @Test("an encoded hash round-trips through parsing")
    func encodedRoundTrip() throws {
        let stored = try fast.hash("pw")
        let parsed = try EncodedPasswordHash(parsing: stored)
        #expect(parsed.parameters == ScryptParameters(logN: 10, r: 8, p: 1))
        #expect(parsed.hash.count == 32)
        #expect(parsed.encoded == stored)
    }

    @Test("malformed or hostile encoded hashes are refused", arguments: [
        ("", EncodedPasswordHash.ParseError.malformed),
        ("scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .malformed),
        ("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", .unsupportedAlgorithm("argon2id")),
        ("$pbkdf2-sha256$600000$c2FsdA$aGFzaA", .unsupportedAlgorithm("pbkdf2-sha256")),
        ("$scrypt$ln=10,r=8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .malformed),
        ("$scrypt$ln=10,r=8,p=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .malformed),
        ("$scrypt$ln=-1,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .malformed),
        ("$scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .parametersOutOfRange),
        ("$scrypt$ln=20,r=32,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .parametersOutOfRange),
        ("$scrypt$ln=10,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .malformed),
        ("$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .malformed),
        ("$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA", .malformed),
        ("$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$", .malformed),
    ])
    func malformedEncodedHash(text: String, expected: EncodedPasswordHash.ParseError) {
        #expect(throws: expected) { _ = try EncodedPasswordHash(parsing: text) }
        #expect(throws: PasswordHasher.HashError.invalidEncodedHash(expected)) { _ = try fast.verify("pw", against: text) }
    }

    @Test("weaker stored parameters ask for a re-hash", arguments: [
        (ScryptParameters(logN: 10, r: 8, p: 1), true),
        (ScryptParameters(logN: 15, r: 8, p: 1), true),
        (ScryptParameters(logN: 15, r: 8, p: 3), false),
        (ScryptParameters(logN: 16, r: 8, p: 3), false),
    ])
    func needsRehash(stored: ScryptParameters, expected: Bool) {
        let encoded = EncodedPasswordHash(parameters: stored, salt: .init(repeating: 1, count: 16),
                                          hash: .init(repeating: 2, count: 32)).encoded
        #expect(PasswordHasher().needsRehash(encoded) == expected)
        #expect(PasswordHasher().needsRehash("garbage"))
    }

    @Test("empty and oversized passwords are refused")
    func passwordLength() {
        #expect(throws: PasswordHasher.HashError.invalidPasswordLength) { _ = try fast.hash("") }
        #expect(throws: PasswordHasher.HashError.invalidPasswordLength) {
            _ = try fast.hash(String(repeating: "x", count: PasswordHasher.maxPasswordBytes + 1))
        }
    }

    @Test("the dummy verification never succeeds")
    func dummy() {
        #expect(fast.verifyAgainstDummy("anything") == false)
        #expect(fast.verifyAgainstDummy("") == false)
    }
}
