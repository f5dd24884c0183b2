import WireFormat

/// A server stream of typed messages.
public struct TypedResponseStream<Message: WireMessage>: AsyncSequence, Sendable {
    public typealias Element = Message
    public typealias Failure = RPCError
    public let raw: ClientResponseStream

    /// Cancels the call.
    public func cancel() { raw.cancel() }

    /// Every message buffered so far, decoded, waiting while none is; nil after an OK status.
    /// For consumers of many small messages (see `ClientResponseStream.nextBatch`). A message that
    /// does not decode throws INTERNAL for the whole batch.
    public func nextBatch() async throws(RPCError) -> [Message]? {
        guard let batch = try await raw.nextBatch() else { return nil }
        var messages: [Message] = []
        messages.reserveCapacity(batch.count)
        for bytes in batch { messages.append(try RPCClient.decode(Message.self, bytes)) }
        return messages
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let raw: ClientResponseStream
        public mutating func next() async throws(RPCError) -> Message? {
            guard let bytes = try await raw.next() else { return nil }
            return try RPCClient.decode(Message.self, bytes)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(raw: raw) }
}
