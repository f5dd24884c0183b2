import Testing
@testable import Security

@Suite("RSA keys and the key ring")
struct KeyRingTests {
    @Test("a generated 3072-bit key signs, verifies, and survives a PEM round trip with the same kid")
    func pemRoundTrip() throws {
        let key = try RSAKey.generate()
        #expect(key.bits == 3072 && key.isPrivate)
        let privatePEM = try key.privateKeyPEM()
        let publicPEM = try key.publicKeyPEM()
        #expect(privatePEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let reloaded = try RSAKey(privateKeyPEM: privatePEM)
        let publicOnly = try RSAKey(publicKeyPEM: publicPEM)
        #expect(reloaded.kid == key.kid && publicOnly.kid == key.kid && !publicOnly.isPrivate)
        let message = Array("header.payload".utf8)
        let signature = try reloaded.signRS256(message)
        #expect(signature.count == 384)
        #expect(publicOnly.verifyRS256(signature: signature, message: message))
        #expect(!publicOnly.verifyRS256(signature: signature, message: Array("header.payloaD".utf8)))
        #expect(throws: RSAKey.KeyError.notPrivate) { _ = try publicOnly.signRS256(message) }
        #expect(throws: RSAKey.KeyError.notPrivate) { _ = try publicOnly.privateKeyPEM() }
    }

    @Test("the kid is the RFC 7638 JWK thumbprint (43 base64url chars, differs per key)")
    func kidShape() {
        #expect(Fixtures.keyA.kid.utf8.count == 43)
        #expect(Fixtures.keyA.kid != Fixtures.keyB.kid)
        #expect(Fixtures.keyA.publicJWK["e"] == "AQAB")
    }

    @Test("bad PEM input is refused", arguments: [
        "", "not a pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    ])
    func badPEM(text: String) {
        #expect(throws: RSAKey.KeyError.invalidPEM) { _ = try RSAKey(privateKeyPEM: text) }
        #expect(throws: RSAKey.KeyError.invalidPEM) { _ = try RSAKey(publicKeyPEM: text) }
    }

    @Test("keys below 2048 bits are refused")
    func smallKeys() {
        #expect(throws: RSAKey.KeyError.tooSmall(bits: 1024)) { _ = try RSAKey.generate(bits: 1024) }
    }

    @Test("a private key PEM is not accepted where a public key is expected, and vice versa")
    func wrongKind() throws {
        let publicPEM = try Fixtures.keyA.publicKeyPEM()
        #expect(throws: RSAKey.KeyError.invalidPEM) { _ = try RSAKey(privateKeyPEM: publicPEM) }
    }

    @Test("rotation: new tokens use the new kid; old tokens verify until the retention ends")
    func rotation() throws {
        let setup = Fixtures.JWTSetup()
        let old = try setup.issuer.issue(subject: "u", role: .trader).token
        setup.ring.rotate(to: Fixtures.keyB, now: setup.clock.now(), retainPreviousFor: .seconds(900 + 30))
        let new = try setup.issuer.issue(subject: "u", role: .trader).token
        let newHeader = String(decoding: try Base64URL.decode(new.split(separator: ".")[0]), as: UTF8.self)
        #expect(newHeader.contains(Fixtures.keyB.kid))
        #expect(setup.ring.activeKeyIDs(at: setup.clock.now()) == [Fixtures.keyB.kid, Fixtures.keyA.kid])
        _ = try setup.verifier.verify(old)
        _ = try setup.verifier.verify(new)
        setup.clock.advance(by: .seconds(929))
        _ = try setup.verifier.verify(old)  // still inside exp + skew and the retention
        setup.clock.advance(by: .seconds(1))
        #expect(throws: TokenVerificationError.unknownKey) { _ = try setup.verifier.verify(old) }
        _ = try setup.verifier.verify(try setup.issuer.issue(subject: "u", role: .trader).token)
        setup.ring.prune(now: setup.clock.now())
        #expect(setup.ring.activeKeyIDs(at: setup.clock.now()) == [Fixtures.keyB.kid])
    }

    @Test("a retired key added after a restart verifies until its retirement")
    func addVerificationKey() throws {
        let clock = ManualClock(Fixtures.start)
        let ring = JWTKeyRing(signingKey: Fixtures.keyB)
        ring.addVerificationKey(try Fixtures.keyA.publicKey(), until: Fixtures.start + .seconds(60))
        #expect(ring.verificationKey(kid: Fixtures.keyA.kid, at: clock.now()) != nil)
        #expect(ring.verificationKey(kid: Fixtures.keyA.kid, at: Fixtures.start + .seconds(60)) == nil)
        // The signing key is never demoted by adding it again as a retiring key.
        ring.addVerificationKey(Fixtures.keyB, until: Fixtures.start)
        #expect(ring.verificationKey(kid: Fixtures.keyB.kid, at: Fixtures.start + .seconds(3600)) != nil)
    }

    @Test("the JWKS document lists the active keys")
    func jwks() {
        let ring = JWTKeyRing(signingKey: Fixtures.keyA)
        let document = ring.jwks(at: Fixtures.start)
        #expect(document.hasPrefix("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"\(Fixtures.keyA.kid)\""))
    }
}
