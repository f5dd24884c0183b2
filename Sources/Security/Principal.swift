/// The authenticated caller of an RPC, as handlers and the policy see it.
public struct Principal: Sendable, Equatable, Hashable {
    /// How the caller proved its identity.
    public enum Credential: Sendable, Equatable, Hashable {
        /// An RS256 access token with this `jti`.
        case accessToken(tokenID: String)
        /// A long-lived API token (service account) with this id.
        case apiToken(id: String)
    }

    /// User id or service-account id (`sub`).
    public let subject: String
    public let role: Role
    public let credential: Credential
    /// When the credential stops being valid (already including clock skew for access tokens).
    public let validUntil: UnixTime

    public init(subject: String, role: Role, credential: Credential, validUntil: UnixTime) {
        self.subject = subject
        self.role = role
        self.credential = credential
        self.validUntil = validUntil
    }
}
