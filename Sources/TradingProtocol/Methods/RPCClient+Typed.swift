import RPCCore
import WireFormat

extension RPCClient {
    /// Calls a unary method with its declared request and response types.
    @inlinable
    public func call<Request, Response>(_ method: RPCMethod<Request, Response>, _ request: Request,
                                        options: CallOptions = CallOptions()) async throws(RPCError) -> Response {
        try await unary(method.descriptor.rpc, request: request, responseType: Response.self, options: options)
    }

    /// Opens a server-streaming method; iterate the result, break (or `cancel()`) to end the call.
    @inlinable
    public func stream<Request, Response>(_ method: RPCMethod<Request, Response>, _ request: Request,
                                          options: CallOptions = CallOptions()) -> TypedResponseStream<Response> {
        serverStreaming(method.descriptor.rpc, request: request, responseType: Response.self, options: options)
    }
}
