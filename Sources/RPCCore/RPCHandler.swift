/// The server side of one method, over raw message bytes (no gRPC framing).
///
/// Choose `.inlineUnary` only for cheap work that never blocks or awaits (health Check, echo):
/// it runs on the connection's event-loop thread with no task hop. Choose `.loopUnary` for async
/// work that never blocks, only computes briefly and awaits (handlers that hand their work to
/// the engine's sequencer and wait for its answer): the network transport runs it as a task whose
/// executor is the connection's event loop, so it starts and resumes there with no hop through
/// the global pool. A blocking call in a `.loopUnary` handler (SQLite, file I/O, password hashing,
/// a long lock) stalls every connection of that loop, and so does one in a default actor it calls
/// (SE-0417: such actors run on the task's preferred executor): such handlers use `.unary`, which
/// runs in a task on the global pool and posts its result back to the event loop.
public enum RPCHandler: Sendable {
    /// Synchronous unary handler, run on the event-loop thread.
    case inlineUnary(@Sendable (_ request: [UInt8], _ context: ServerContext) throws(RPCError) -> [UInt8])
    /// Asynchronous unary handler. A thrown non-`RPCError` becomes UNKNOWN.
    case unary(@Sendable (_ request: [UInt8], _ context: ServerContext) async throws -> [UInt8])
    /// Asynchronous unary handler that never blocks, only awaits; run as a task on the
    /// connection's event loop (other transports run it like `.unary`). A thrown non-`RPCError`
    /// becomes UNKNOWN.
    case loopUnary(@Sendable (_ request: [UInt8], _ context: ServerContext) async throws -> [UInt8])
    /// Server-streaming handler: write responses through the writer, return to finish with OK.
    case serverStreaming(@Sendable (_ request: [UInt8], _ context: ServerContext,
                                    _ writer: ResponseWriter) async throws -> Void)

    public var kind: MethodDescriptor.Kind {
        switch self {
        case .inlineUnary, .unary, .loopUnary: return .unary
        case .serverStreaming: return .serverStreaming
        }
    }
}
