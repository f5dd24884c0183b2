import WireFormat

/// A typed view of a `ResponseWriter`.
public struct MessageWriter<Message: WireMessage>: Sendable {
    public let raw: ResponseWriter

    public init(_ raw: ResponseWriter) { self.raw = raw }

    /// Encodes and sends one message; suspends while the stream's buffer is full.
    public func write(_ message: Message) async throws(RPCError) {
        try await raw.write(message.wireBytes())
    }
}
