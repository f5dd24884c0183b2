/// Opaque bearer secrets: refresh tokens and API tokens.
///
/// Format `<prefix>_<43 base64url chars>` = 256 random bits. The prefix makes the kind
/// recognisable (dispatch in the auth interceptor, secret scanners, `Redactor`) without
/// revealing anything. Only the SHA-256 of a token is ever stored: a 256-bit random secret
/// cannot be brute-forced, so a fast hash suffices and keeps lookups cheap, and a leaked
/// database does not leak usable tokens. The plaintext is returned exactly once, at creation.
public enum OpaqueToken {
    public enum Kind: String, Sendable, CaseIterable {
        case refresh = "tbr"
        case api = "tba"
    }

    static let secretCharacters = 43

    /// A new token of `kind` and the hash to store.
    public static func generate(_ kind: Kind) throws(OpenSSLError) -> (token: String, hash: SHA256Digest) {
        let token = kind.rawValue + "_" + Base64URL.encode(try SecureRandom.bytes(32))
        return (token, try SHA256.hash(token))
    }

    /// The kind of a well-formed token, or nil (then it is not one of ours).
    public static func kind(of token: String) -> Kind? {
        let utf8 = token.utf8
        guard utf8.count == 4 + secretCharacters else { return nil }
        guard let kind = Kind(rawValue: String(token.prefix(3))), token.dropFirst(3).first == "_" else { return nil }
        guard utf8.dropFirst(4).allSatisfy({ Base64URL.urlTable[Int($0)] != 0xFF }) else { return nil }
        return kind
    }

    /// The lookup hash of a presented token, or nil when it is not a well-formed token of `kind`.
    public static func lookupHash(of token: String, expecting kind: Kind) -> SHA256Digest? {
        guard self.kind(of: token) == kind else { return nil }
        return try? SHA256.hash(token)
    }
}
