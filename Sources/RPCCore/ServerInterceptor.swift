/// Runs before a handler, with the request metadata; throws to reject the call.
///
/// Transports call interceptors synchronously on their I/O thread after the request headers
/// arrive and before the handler runs (and before the request body is decoded), so they must be
/// quick and must not block. A thrown `RPCError` is sent as the call's status (Trailers-Only);
/// the handler never runs. Interceptors may attach values with `ServerContext.setValue`.
public protocol ServerInterceptor: Sendable {
    func intercept(_ context: ServerContext) throws(RPCError)
}
