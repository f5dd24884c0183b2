import WireFormat

extension RPCRouter {
    /// Registers an async unary handler over typed messages. A request that does not decode is
    /// INTERNAL (gRPC's rule for a parse failure).
    public mutating func registerUnary<Request: WireMessage, Response: WireMessage>(
        _ descriptor: MethodDescriptor, request: Request.Type = Request.self, response: Response.Type = Response.self,
        handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        register(descriptor, handler: .unary(Self.overBytes(handler)))
    }

    /// Registers an async unary handler that never blocks, only awaits (see `RPCHandler.loopUnary`):
    /// the network transport runs it on the connection's event loop. A request that does not
    /// decode is INTERNAL.
    public mutating func registerLoopUnary<Request: WireMessage, Response: WireMessage>(
        _ descriptor: MethodDescriptor, request: Request.Type = Request.self, response: Response.Type = Response.self,
        handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        register(descriptor, handler: .loopUnary(Self.overBytes(handler)))
    }

    /// A typed async unary handler as one over message bytes: decode, call, encode.
    private static func overBytes<Request: WireMessage, Response: WireMessage>(
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) -> @Sendable ([UInt8], ServerContext) async throws -> [UInt8] {
        { bytes, context in
            let request = try decode(Request.self, bytes)
            return try await handler(request, context).wireBytes()
        }
    }

    /// Registers a synchronous unary handler that runs on the event-loop thread (cheap work only).
    public mutating func registerInlineUnary<Request: WireMessage, Response: WireMessage>(
        _ descriptor: MethodDescriptor, request: Request.Type = Request.self, response: Response.Type = Response.self,
        handler: @escaping @Sendable (Request, ServerContext) throws(RPCError) -> Response
    ) {
        register(descriptor, handler: .inlineUnary { (bytes, context) throws(RPCError) -> [UInt8] in
            let request = try Self.decode(Request.self, bytes)
            return try handler(request, context).wireBytes()
        })
    }

    /// Registers a server-streaming handler over typed messages.
    public mutating func registerServerStreaming<Request: WireMessage, Response: WireMessage>(
        _ descriptor: MethodDescriptor, request: Request.Type = Request.self, response: Response.Type = Response.self,
        handler: @escaping @Sendable (Request, ServerContext, MessageWriter<Response>) async throws -> Void
    ) {
        register(descriptor, handler: .serverStreaming { bytes, context, writer in
            let request = try Self.decode(Request.self, bytes)
            try await handler(request, context, MessageWriter(writer))
        })
    }

    static func decode<M: WireMessage>(_ type: M.Type, _ bytes: [UInt8]) throws(RPCError) -> M {
        do {
            return try M(wireBytes: bytes)
        } catch {
            throw RPCError(code: .internal, message: "request message does not decode: \(error)")
        }
    }
}
