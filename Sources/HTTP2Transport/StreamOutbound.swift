import RPCCore
import Synchronization

/// The per-stream buffer between a streaming handler (any thread) and the event loop.
///
/// The handler appends framed messages under a lock and suspends once `limit` bytes are queued;
/// the loop drains the buffer into DATA frames as the peer's flow-control window allows, and
/// resumes the writer when the buffer falls under half the limit. Many messages therefore share
/// one DATA frame and one wake-up, and a slow reader bounds memory at `limit` per stream.
final class StreamOutbound: ResponseStreamSink {
    private struct State {
        var buffer: [UInt8] = []
        var readOffset = 0
        var end: Status?
        var cancelled: RPCError?
        /// nghttp2 was told DEFERRED: the loop must `resume_data` when bytes arrive.
        var deferred = false
        var wakePosted = false
        var writer: CheckedContinuation<Void, Never>?
        var buffered: Int { buffer.count - readOffset }
    }

    private let state = Locked(State())
    private let limit: Int
    /// Buffer capacity kept across drains (bytes).
    static let retainedCapacity = 16 * 1024
    private let wake: @Sendable () -> Void

    /// `wake` posts a task to the owning loop that resumes the stream's data provider.
    init(limit: Int, wake: @escaping @Sendable () -> Void) {
        self.limit = limit
        self.wake = wake
    }

    // MARK: handler side (any thread)

    func write(_ message: [UInt8]) async throws(RPCError) {
        try await append(CollectionOfOne(message))
    }

    /// Queues every message under one lock and posts at most one wake-up for all of them (a
    /// fan-out stream hands over a whole published batch at once); suspends while the buffer is full.
    func write(contentsOf messages: [[UInt8]]) async throws(RPCError) {
        try await append(messages)
    }

    /// Queues every message at once if they all fit under `limit` and the stream is open;
    /// otherwise queues nothing and returns false. Never waits, so a publisher thread can feed
    /// many streams without a task wake-up each; the buffer stays bounded by `limit`.
    func tryWrite(contentsOf messages: [[UInt8]]) -> Bool {
        var needed = 0
        for message in messages { needed += 5 + message.count }  // 5-byte gRPC length prefix each
        let outcome: Bool? = state.withLock { s in
            guard s.cancelled == nil, s.end == nil, s.buffered + needed <= limit else { return nil }
            for message in messages { GRPCMessageDeframer.appendFrame(message, to: &s.buffer) }
            if s.deferred && !s.wakePosted {
                s.wakePosted = true
                return true
            }
            return false
        }
        guard let needWake = outcome else { return false }
        if needWake { wake() }
        return true
    }

    private enum WriteOutcome { case done(wake: Bool), full, failed(RPCError) }

    private func append<C: RandomAccessCollection>(_ messages: C) async throws(RPCError) where C.Element == [UInt8], C.Index == Int {
        var next = messages.startIndex
        while next < messages.endIndex {
            let outcome: WriteOutcome = state.withLock { s in
                if let c = s.cancelled { return .failed(c) }
                if s.end != nil { return .failed(RPCError(code: .internal, message: "write after the call finished")) }
                if s.buffered >= limit { return .full }
                while next < messages.endIndex && s.buffered < limit {
                    GRPCMessageDeframer.appendFrame(messages[next], to: &s.buffer)
                    next += 1
                }
                if s.deferred && !s.wakePosted {
                    s.wakePosted = true
                    return .done(wake: true)
                }
                return .done(wake: false)
            }
            switch outcome {
            case .done(let needWake):
                if needWake { wake() }
            case .failed(let e):
                throw e
            case .full:
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { s -> Bool in
                        if s.cancelled != nil || s.buffered < limit { return true }
                        s.writer = c
                        return false
                    }
                    if resumeNow { c.resume() }
                }
            }
        }
    }

    /// The handler is done: send what is queued (unless `discardPending`), then trailers with `status`.
    func finish(_ status: Status, discardPending: Bool = false) {
        let needWake: Bool = state.withLock { s in
            guard s.end == nil, s.cancelled == nil else { return false }
            s.end = status
            if discardPending {
                s.buffer = []
                s.readOffset = 0
            }
            if s.deferred && !s.wakePosted {
                s.wakePosted = true
                return true
            }
            return false
        }
        if needWake { wake() }
    }

    /// The stream is gone: fail current and future writes with `error`.
    func cancel(_ error: RPCError) {
        let writer: CheckedContinuation<Void, Never>? = state.withLock { s in
            if s.cancelled == nil { s.cancelled = error }
            s.buffer = []
            s.readOffset = 0
            defer { s.writer = nil }
            return s.writer
        }
        writer?.resume()
    }

    /// Bytes queued and not yet handed to nghttp2 (for tests and metrics).
    var bufferedBytes: Int { state.withLock { $0.buffered } }

    // MARK: loop side

    enum ReadResult {
        case deferred
        /// `count` bytes copied; `end` is set when this was the last data and trailers follow.
        case data(count: Int, end: Status?)
    }

    /// Copies up to `capacity` queued bytes into nghttp2's buffer. Loop thread only.
    func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) -> ReadResult {
        let (result, writer): (ReadResult, CheckedContinuation<Void, Never>?) = state.withLock { s in
            let n = min(capacity, s.buffered)
            if n > 0 {
                s.buffer.withUnsafeBufferPointer { src in
                    destination.update(from: src.baseAddress! + s.readOffset, count: n)
                }
                s.readOffset += n
                if s.readOffset == s.buffer.count {
                    // Keep a small buffer for the next messages; give a large one back, or
                    // 1,000 streams that once lagged hold their peak (up to 4 x limit) each.
                    s.buffer.removeAll(keepingCapacity: s.buffer.capacity <= Self.retainedCapacity)
                    s.readOffset = 0
                } else if s.readOffset > limit {
                    s.buffer.removeFirst(s.readOffset)
                    s.readOffset = 0
                }
            }
            var writer: CheckedContinuation<Void, Never>?
            if s.writer != nil && s.buffered < limit / 2 {
                writer = s.writer
                s.writer = nil
            }
            if s.buffered == 0, let end = s.end { return (.data(count: n, end: end), writer) }
            if n == 0 {
                s.deferred = true
                return (.deferred, writer)
            }
            return (.data(count: n, end: nil), writer)
        }
        writer?.resume()
        return result
    }

    /// Called on the loop right before `nghttp2_session_resume_data`.
    func clearDeferred() {
        state.withLock { s in
            s.deferred = false
            s.wakePosted = false
        }
    }
}
