import Testing
@testable import Security

private let jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU"

@Suite("Redaction of secrets in logs")
struct RedactorTests {
    @Test("secrets are removed and the surrounding text is kept", arguments: [
        ("authorization: Bearer \(jwt)", "authorization: [REDACTED]"),
        ("Authorization=Basic dXNlcjpwYXNz", "Authorization=[REDACTED]"),
        ("metadata {\"authorization\": \"Bearer abc\", \"x\": 1}", "metadata {\"authorization\": \"[REDACTED]\", \"x\": 1}"),
        ("calling with Bearer abc.def-ghi_jkl now", "calling with Bearer [REDACTED] now"),
        ("token in text \(jwt) end", "token in text [REDACTED] end"),
        ("login user=alice password=hunter2 ip=10.0.0.1", "login user=alice password=[REDACTED] ip=10.0.0.1"),
        ("{\"username\":\"alice\",\"password\":\"p\\\"w d\"}", "{\"username\":\"alice\",\"password\":\"[REDACTED]\"}"),
        ("PASSWORD: 's3cret' ok", "PASSWORD: [REDACTED] ok"),
        ("api_key=AKIA1234567890&x=1", "api_key=[REDACTED]&x=1"),
        ("X-Api-Key: abcdef123456", "X-Api-Key: [REDACTED]"),
        ("refresh_token=tbr_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg", "refresh_token=[REDACTED]"),
        ("issued tba_AbCdEfGhIjKlMnOpQrStUvWxYz0123 to svc", "issued tba_[REDACTED] to svc"),
        ("client_secret: xyz", "client_secret: [REDACTED]"),
        ("db url postgres://app:s3cr3t@db:5432/x", "db url postgres://app:[REDACTED]@db:5432/x"),
        ("cookie: session=abc; theme=dark", "cookie: [REDACTED]; theme=dark"),
        ("key file -----BEGIN PRIVATE KEY-----\nMIIEv\nQ==\n-----END PRIVATE KEY----- loaded", "key file [REDACTED] loaded"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEv truncated", "[REDACTED]"),
    ])
    func redacts(input: String, expected: String) {
        #expect(Redactor.redact(input) == expected)
    }

    @Test("lines without secrets are unchanged", arguments: [
        "order 42 filled 100 @ 1.07219",
        "user alice logged in from 10.0.0.1 role=trader",
        "token cache hit ratio 0.99",  // the word alone is not a secret
        "GET /healthz 200",
        "",
    ])
    func keepsHarmless(line: String) {
        #expect(Redactor.redact(line) == line)
    }

    @Test("sensitive metadata values are always masked", arguments: ["authorization", "Authorization", "cookie", "x-api-key"])
    func metadataMasked(name: String) {
        #expect(Redactor.redact(metadataName: name, value: "anything at all") == "[REDACTED]")
    }

    @Test("other metadata values are scrubbed but kept")
    func metadataScrubbed() {
        #expect(Redactor.redact(metadataName: "user-agent", value: "grpc-python/1.85.3") == "grpc-python/1.85.3")
        #expect(Redactor.redact(metadataName: "x-debug", value: "sent \(jwt)") == "sent [REDACTED]")
    }

    @Test("an issued access token never survives redaction")
    func issuedTokenRedacted() throws {
        let setup = Fixtures.JWTSetup()
        let token = try setup.issuer.issue(subject: "alice", role: .admin).token
        let line = "rpc /tradebot.v1.Orders/SubmitOrder headers=[authorization: Bearer \(token)] raw=\(token)"
        let redacted = Redactor.redact(line)
        #expect(!redacted.contains(String(token.split(separator: ".")[2].prefix(20))))
        #expect(!redacted.contains(String(token.split(separator: ".")[1].prefix(20))))
    }
}
