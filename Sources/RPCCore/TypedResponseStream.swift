import WireFormat

/// A server stream of typed messages.
public struct TypedResponseStream<Message: WireMessage>: AsyncSequence, Sendable {
    public typealias Element = Message
    public typealias Failure = RPCError
    public let raw: ClientResponseStream

    /// Cancels the call.
    public func cancel() { raw.cancel() }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let raw: ClientResponseStream
        public mutating func next() async throws(RPCError) -> Message? {
            guard let bytes = try await raw.next() else { return nil }
            return try RPCClient.decode(Message.self, bytes)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(raw: raw) }
}
