import Synchronization

/// The client's view of a server stream: messages in order, then the call's status.
///
/// Transports push with `deliver` / `finish` from their I/O thread; one consumer task iterates.
/// Consumed bytes are reported through `onConsumed` so an HTTP/2 transport can open the
/// flow-control window only as fast as the application reads (a slow reader stalls the server,
/// not our memory): once the consumer has read everything buffered, or every
/// `reportThreshold` bytes, rather than per message (each report costs the transport a loop
/// wake-up). Ending the iteration early or cancelling the task cancels the call.
public final class ClientResponseStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public typealias Failure = RPCError

    private struct State {
        var messages: [[UInt8]] = []
        var head = 0
        var end: RPCError?? = nil          // .some(nil) = finished OK
        var consumer: CheckedContinuation<Void, Never>?
        var producer: CheckedContinuation<Void, Never>?
        var cancelled = false
        /// Bytes consumed and not yet reported through `onConsumed`.
        var unreported = 0
        var buffered: Int { messages.count - head }
    }

    private let state = Locked(State())
    /// Consumed bytes reported at the latest after this many, even while more are buffered.
    static let reportThreshold = 16 * 1024
    private let onConsumed: @Sendable (Int) -> Void
    private let onCancel: @Sendable () -> Void
    /// Producers using `deliverWhenSpace` wait while this many messages are buffered.
    private let capacity: Int

    public init(capacity: Int = 64,
                onConsumed: @escaping @Sendable (Int) -> Void = { _ in },
                onCancel: @escaping @Sendable () -> Void = {}) {
        self.capacity = Swift.max(1, capacity)
        self.onConsumed = onConsumed
        self.onCancel = onCancel
    }

    /// A stream that already failed (for example, the connection is closed).
    public static func failed(_ error: RPCError) -> ClientResponseStream {
        let s = ClientResponseStream()
        s.finish(error)
        return s
    }

    // MARK: producer side (transport)

    /// Appends a message without waiting (the HTTP/2 window bounds how much can arrive).
    public func deliver(_ message: [UInt8]) {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            guard s.end == nil, !s.cancelled else { return nil }
            s.messages.append(message)
            defer { s.consumer = nil }
            return s.consumer
        }
        waiter?.resume()
    }

    /// Appends several messages in order with one lock and at most one wake-up of the consumer
    /// (everything one read of the connection brought for this stream).
    public func deliver(contentsOf messages: [[UInt8]]) {
        guard !messages.isEmpty else { return }
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            guard s.end == nil, !s.cancelled else { return nil }
            s.messages.append(contentsOf: messages)
            defer { s.consumer = nil }
            return s.consumer
        }
        waiter?.resume()
    }

    /// Appends a message, first waiting while `capacity` messages are buffered. Throws CANCELLED
    /// if the consumer cancelled. Used by in-process transports for backpressure.
    public func deliverWhenSpace(_ message: [UInt8]) async throws(RPCError) {
        while true {
            let outcome: Int = state.withLock { s in
                if s.cancelled || s.end != nil { return 2 }
                return s.buffered >= capacity ? 1 : 0
            }
            if outcome == 2 { throw RPCError(code: .cancelled, message: "stream cancelled by the client") }
            if outcome == 0 { deliver(message); return }
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.cancelled || s.end != nil || s.buffered < capacity { return true }
                    s.producer = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        }
    }

    /// Ends the stream: `nil` for OK, otherwise the error the consumer will see after draining.
    public func finish(_ error: RPCError?) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { s in
            guard s.end == nil else { return [] }
            s.end = .some(error)
            let w = [s.consumer, s.producer].compactMap { $0 }
            s.consumer = nil
            s.producer = nil
            return w
        }
        for w in waiters { w.resume() }
    }

    // MARK: consumer side

    /// Cancels the call: the transport is told (RST_STREAM) and iteration ends with CANCELLED.
    public func cancel() {
        let (first, waiters): (Bool, [CheckedContinuation<Void, Never>]) = state.withLock { s in
            if s.cancelled || s.end != nil { return (false, []) }
            s.cancelled = true
            s.end = .some(RPCError(code: .cancelled, message: "cancelled by the client"))
            s.messages = []
            s.head = 0
            let w = [s.consumer, s.producer].compactMap { $0 }
            s.consumer = nil
            s.producer = nil
            return (true, w)
        }
        for w in waiters { w.resume() }
        if first { onCancel() }
    }

    /// The next message, `nil` after an OK status; throws the call's error otherwise.
    public func next() async throws(RPCError) -> [UInt8]? {
        while true {
            enum Step { case message([UInt8], report: Int), done(RPCError?), wait }
            let step: Step = state.withLock { s in
                if s.head < s.messages.count {
                    let m = s.messages[s.head]
                    s.messages[s.head] = []
                    s.head += 1
                    if s.head > 64 && s.head * 2 > s.messages.count {
                        s.messages.removeFirst(s.head)
                        s.head = 0
                    }
                    s.unreported += m.count + 5
                    var report = 0
                    if s.head == s.messages.count || s.unreported >= Self.reportThreshold {
                        report = s.unreported
                        s.unreported = 0
                    }
                    return .message(m, report: report)
                }
                if let end = s.end { return .done(end) }
                return .wait
            }
            switch step {
            case .message(let m, let report):
                resumeProducerIfSpace()
                if report > 0 { onConsumed(report) }
                return m
            case .done(let error):
                if let error { throw error }
                return nil
            case .wait:
                await waitForMessages()
            }
        }
    }

    /// Every buffered message at once, waiting while none is; nil after an OK status; throws
    /// the call's error once drained. One lock and one credit report per batch: a consumer of
    /// many small messages (a fan-out subscriber) pays the stream's cost per arrival, not per
    /// message.
    public func nextBatch() async throws(RPCError) -> [[UInt8]]? {
        while true {
            enum Step { case messages([[UInt8]], report: Int), done(RPCError?), wait }
            let step: Step = state.withLock { s in
                if s.head < s.messages.count {
                    let batch = Array(s.messages[s.head...])
                    s.messages.removeAll(keepingCapacity: true)
                    s.head = 0
                    let report = s.unreported + batch.reduce(0) { $0 + $1.count + 5 }
                    s.unreported = 0
                    return .messages(batch, report: report)
                }
                if let end = s.end { return .done(end) }
                return .wait
            }
            switch step {
            case .messages(let batch, let report):
                resumeProducerIfSpace()
                onConsumed(report)
                return batch
            case .done(let error):
                if let error { throw error }
                return nil
            case .wait:
                await waitForMessages()
            }
        }
    }

    /// Suspends until a message is buffered or the call ended; a cancelled task cancels the call
    /// (the caller's next loop turn then sees its end).
    private func waitForMessages() async {
        if Task.isCancelled { cancel(); return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.head < s.messages.count || s.end != nil { return true }
                    s.consumer = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            self.cancel()
        }
    }

    private func resumeProducerIfSpace() {
        let p: CheckedContinuation<Void, Never>? = state.withLock { s in
            guard s.buffered < capacity else { return nil }
            defer { s.producer = nil }
            return s.producer
        }
        p?.resume()
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: ClientResponseStream
        public mutating func next() async throws(RPCError) -> [UInt8]? { try await stream.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: self) }
}
