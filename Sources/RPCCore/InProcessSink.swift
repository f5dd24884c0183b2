/// Feeds an in-process stream; `write` waits for the consumer when its buffer is full.
struct InProcessSink: ResponseStreamSink {
    let stream: ClientResponseStream
    let context: ServerContext

    func write(_ message: [UInt8]) async throws(RPCError) {
        if let e = context.cancellationError { throw e }
        try await stream.deliverWhenSpace(message)
    }
}
