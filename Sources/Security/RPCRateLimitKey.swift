/// The key of the per-principal RPC limiter: who, and which class of RPC.
public struct RPCRateLimitKey: Hashable, Sendable {
    public let subject: String
    public let permissionClass: Permission

    public init(subject: String, permissionClass: Permission) {
        self.subject = subject
        self.permissionClass = permissionClass
    }
}
