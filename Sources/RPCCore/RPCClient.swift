import WireFormat

/// Typed calls over any `ClientTransport`. Cheap to copy; share one per connection.
public struct RPCClient: Sendable {
    public let transport: any ClientTransport

    public init(transport: any ClientTransport) { self.transport = transport }

    /// A unary call. A response that does not decode is INTERNAL.
    public func unary<Request: WireMessage, Response: WireMessage>(
        _ method: MethodDescriptor, request: Request, responseType: Response.Type = Response.self,
        options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Response {
        let bytes = try await transport.unary(path: method.fullPath, request: request.wireBytes(), options: options)
        return try Self.decode(Response.self, bytes)
    }

    /// A server-streaming call; iterate the result. Breaking out of the loop cancels the call.
    public func serverStreaming<Request: WireMessage, Response: WireMessage>(
        _ method: MethodDescriptor, request: Request, responseType: Response.Type = Response.self,
        options: CallOptions = CallOptions()
    ) -> TypedResponseStream<Response> {
        TypedResponseStream(raw: transport.serverStreaming(path: method.fullPath, request: request.wireBytes(),
                                                          options: options))
    }

    static func decode<M: WireMessage>(_ type: M.Type, _ bytes: [UInt8]) throws(RPCError) -> M {
        do { return try M(wireBytes: bytes) } catch {
            throw RPCError(code: .internal, message: "response message does not decode: \(error)")
        }
    }
}
