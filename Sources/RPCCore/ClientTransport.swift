/// A way to make calls: over HTTP/2 (`HTTP2Transport`) or in process (`InProcessTransport`).
///
/// Implementations are thread-safe; many calls may run concurrently on one transport.
/// Cancelling the calling task cancels the call (the peer sees it as client cancellation).
public protocol ClientTransport: Sendable {
    /// One request message, one response message.
    func unary(path: String, request: [UInt8], options: CallOptions) async throws(RPCError) -> [UInt8]
    /// One request message, a stream of responses that ends with the call's status.
    func serverStreaming(path: String, request: [UInt8], options: CallOptions) -> ClientResponseStream
}
