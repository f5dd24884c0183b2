/// The server side of one method, over raw message bytes (no gRPC framing).
///
/// Choose `.inlineUnary` only for cheap work that never blocks or awaits (health Check, echo):
/// it runs on the connection's event-loop thread with no task hop. Everything else uses the async
/// shapes, which run in a Swift task; their results are posted back to the event loop.
public enum RPCHandler: Sendable {
    /// Synchronous unary handler, run on the event-loop thread.
    case inlineUnary(@Sendable (_ request: [UInt8], _ context: ServerContext) throws(RPCError) -> [UInt8])
    /// Asynchronous unary handler. A thrown non-`RPCError` becomes UNKNOWN.
    case unary(@Sendable (_ request: [UInt8], _ context: ServerContext) async throws -> [UInt8])
    /// Server-streaming handler: write responses through the writer, return to finish with OK.
    case serverStreaming(@Sendable (_ request: [UInt8], _ context: ServerContext,
                                    _ writer: ResponseWriter) async throws -> Void)

    public var kind: MethodDescriptor.Kind {
        switch self {
        case .inlineUnary, .unary: return .unary
        case .serverStreaming: return .serverStreaming
        }
    }
}
