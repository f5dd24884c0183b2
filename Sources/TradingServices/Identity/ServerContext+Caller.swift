import RPCCore
import Security

extension ServerContext {
    /// The authenticated caller, attached by `AuthInterceptor` before the handler runs; nil only for
    /// methods that need no token (health, Login, Refresh).
    ///
    /// Handlers use it to attribute actions (`caller?.subject` is the username, or
    /// `api-token:<id>` for a service account) and for per-object rules on top of the RPC policy.
    public var caller: Principal? { principal as? Principal }

    /// The caller or UNAUTHENTICATED: for handlers of methods that always need a token.
    public func requireCaller() throws(RPCError) -> Principal {
        guard let caller else { throw RPCError(code: .unauthenticated, message: "no authenticated caller") }
        return caller
    }
}
