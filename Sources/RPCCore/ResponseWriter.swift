import WireFormat

/// Where a streaming handler's messages go. Implemented by each transport.
///
/// `write` must suspend while the transport's per-stream buffer is full (the peer reads slowly or
/// its flow-control window is closed), so a slow reader never makes the server buffer without bound.
/// It throws CANCELLED / DEADLINE_EXCEEDED once the call is over.
public protocol ResponseStreamSink: Sendable {
    func write(_ message: [UInt8]) async throws(RPCError)

    /// Sends several messages in order, with the same waiting rule as `write`. A transport
    /// implements it to take its lock (and wake its I/O thread) once for all of them; the default
    /// writes one by one.
    func write(contentsOf messages: [[UInt8]]) async throws(RPCError)

    /// Queues all of `messages`, in order, only if that needs no waiting; false (nothing queued)
    /// when the buffer has no room for all of them, the stream is over, or the transport cannot
    /// take bytes from a plain thread. Lets one publishing thread hand a batch to many streams
    /// without waking a task per stream; on false the caller falls back to `write(contentsOf:)`
    /// from the stream's task. The default always declines.
    func tryWrite(contentsOf messages: [[UInt8]]) -> Bool
}

extension ResponseStreamSink {
    public func write(contentsOf messages: [[UInt8]]) async throws(RPCError) {
        for message in messages { try await write(message) }
    }

    public func tryWrite(contentsOf messages: [[UInt8]]) -> Bool { false }
}

/// The writer a server-streaming handler receives: raw message bytes, one call per message.
public struct ResponseWriter: Sendable {
    public let sink: any ResponseStreamSink

    public init(sink: any ResponseStreamSink) { self.sink = sink }

    /// Sends one message; suspends while the stream's buffer is full.
    public func write(_ message: [UInt8]) async throws(RPCError) {
        try await sink.write(message)
    }

    /// Sends several messages in order (one transport hand-off where the transport supports it).
    public func write(contentsOf messages: [[UInt8]]) async throws(RPCError) {
        try await sink.write(contentsOf: messages)
    }

    /// Sends one typed message.
    public func write(_ message: some WireMessage) async throws(RPCError) {
        try await sink.write(message.wireBytes())
    }
}
