import CNGHTTP2
import NetIO
import RPCCore

/// One server-side HTTP/2 connection: the nghttp2 session over a NetIO `Connection`.
///
/// Loop thread only. nghttp2 callbacks reach this object through `user_data`
/// (`Unmanaged`, unretained: the connection and the loop's `SessionRegistry` hold it strongly,
/// and the session is deleted before either lets go). Inside callbacks we only *submit*;
/// output is produced by `pump()` after `mem_recv` returns, coalescing every frame of a read
/// batch into one `SSL_write`.
final class ServerSession: ConnectionHandler {
    let core: ServerCore
    let registry: SessionRegistry
    /// Paths served on a restricted (plaintext health) listener; `nil` = everything.
    let allowedPaths: Set<String>?
    private(set) var session: OpaquePointer?
    /// Strong: the cycle with `Connection.handler` is broken when the connection closes.
    var connection: Connection!
    @exclusivity(unchecked) private(set) var streams: [Int32: ServerStream] = [:]
    /// One-entry cache: nghttp2's callbacks for one frame (every header, then the frame) all name
    /// the same stream, so most lookups skip hashing.
    @exclusivity(unchecked) private var lastStreamID: Int32 = 0
    @exclusivity(unchecked) private var lastStream: ServerStream?

    @inline(__always)
    func stream(_ id: Int32) -> ServerStream? {
        if id == lastStreamID, let s = lastStream { return s }
        let s = streams[id]
        lastStreamID = id
        lastStream = s
        return s
    }

    func addStream(_ stream: ServerStream) {
        streams[stream.id] = stream
        lastStreamID = stream.id
        lastStream = stream
    }

    func removeStream(_ id: Int32) -> ServerStream? {
        if id == lastStreamID { lastStream = nil; lastStreamID = 0 }
        return streams.removeValue(forKey: id)
    }

    func removeAllStreams() -> [Int32: ServerStream] {
        lastStream = nil
        lastStreamID = 0
        defer { streams = [:] }
        return streams
    }
    /// Streams to resume on the next loop turn (see `LoopWorkQueue`).
    let resumeQueue = LoopWorkQueue<Int32>()
    var shutdownState = ShutdownStateMachine()
    var settingsTimer: TimerID?
    var receivedSettings = false
    private var pumping = false
    /// A `pumpSoon` pump is queued on the loop.
    private var pumpPosted = false
    /// The read being handled started `.loopUnary` tasks (see `connectionDidFinishReading`).
    var startedLoopTasks = false
    private var failed = false
    private var registered = false
    /// Request bytes buffered by all streams of this connection (see `account`).
    private var bufferedRequestBytes = 0

    /// Updates the connection's request-buffer total for `stream`; true while within the limit.
    func account(_ stream: ServerStream) -> Bool {
        let now = stream.deframer.bufferedByteCount + stream.request.count
        bufferedRequestBytes += now - stream.accountedBytes
        stream.accountedBytes = now
        return bufferedRequestBytes <= configuration.connectionRequestBufferLimit
    }

    /// Stops counting `stream`'s request bytes (dispatched, rejected or closed).
    func release(_ stream: ServerStream) {
        bufferedRequestBytes -= stream.accountedBytes
        stream.accountedBytes = 0
    }

    /// Graceful shutdown finished: close once the output is written.
    private var closeWhenIdle = false

    init(core: ServerCore, registry: SessionRegistry, allowedPaths: Set<String>?) {
        self.core = core
        self.registry = registry
        self.allowedPaths = allowedPaths
    }

    var counters: TransportCounters { core.counters }
    var configuration: HTTP2ServerConfiguration { core.configuration }

    // MARK: ConnectionHandler

    func connectionDidBecomeActive(_ connection: Connection) {
        self.connection = connection
        registry.sessions[ObjectIdentifier(self)] = self
        registered = true
        core.sessionOpened()
        var option: OpaquePointer?
        guard nghttp2_option_new(&option) == 0, let option else { connection.close(); return }
        defer { nghttp2_option_del(option) }
        nghttp2_option_set_max_send_header_block_length(option, 64 * 1024)
        var s: OpaquePointer?
        let rv = nghttp2_session_server_new2(&s, ServerCallbacks.shared.raw, Unmanaged.passUnretained(self).toOpaque(), option)
        guard rv == 0, let s else { connection.close(); return }
        session = s
        let cfg = configuration
        var settings = [
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue), value: cfg.maxConcurrentStreams),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: cfg.initialWindowSize),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue), value: cfg.maxHeaderListSize),
        ]
        guard nghttp2_submit_settings(s, UInt8(NGHTTP2_FLAG_NONE.rawValue), &settings, settings.count) == 0 else {
            connection.close()
            return
        }
        if cfg.initialWindowSize > 65_535 {
            _ = nghttp2_session_set_local_window_size(s, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, Int32(clamping: cfg.initialWindowSize))
        }
        // Strong capture; cancelled in connectionDidClose.
        settingsTimer = connection.loop.schedule(after: cfg.handshakeTimeout) { [self] in
            self.settingsTimer = nil
            guard !self.receivedSettings, let session = self.session else { return }
            self.counters.settingsTimeouts.add(1, ordering: .relaxed)
            _ = nghttp2_session_terminate_session(session, NGHTTP2_SETTINGS_TIMEOUT.rawValue)
            self.closeAfterFailure()
        }
        if core.draining.load(ordering: .relaxed) { beginShutdown() }
        pump()
    }

    func connection(_ connection: Connection, didRead bytes: UnsafeRawBufferPointer) {
        guard let session, !failed, let base = bytes.baseAddress else { return }
        let rv = nghttp2_session_mem_recv(session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        if rv < 0 {
            counters.http2ProtocolErrors.add(1, ordering: .relaxed)
            if rv != Int(NGHTTP2_ERR_BAD_CLIENT_MAGIC.rawValue) && rv != Int(NGHTTP2_ERR_FLOODED.rawValue) {
                _ = nghttp2_session_terminate_session(session, NGHTTP2_PROTOCOL_ERROR.rawValue)
            } else {
                _ = nghttp2_session_terminate_session(session, NGHTTP2_PROTOCOL_ERROR.rawValue)
            }
            closeAfterFailure()
            return
        }
        // Output backpressure: a peer that does not read its responses stops being read.
        if connection.pendingOutputBytes > 4 << 20 { connection.pauseReading() }
    }

    func connectionDidFinishReading(_ connection: Connection) {
        // A read that started loop handlers pumps after their first jobs (queued by then), so
        // this read's frames and the answers of handlers that finish at once share one write.
        if startedLoopTasks {
            startedLoopTasks = false
            pumpSoon()
            return
        }
        pump()
    }

    func connectionDidDrainOutput(_ connection: Connection) {
        connection.resumeReading()
        pump()
    }

    func connectionDidClose(_ connection: Connection, error: NetIOError?) {
        if let t = settingsTimer { connection.loop.cancel(t); settingsTimer = nil }
        let closing = removeAllStreams()
        for (_, stream) in closing { abandon(stream, RPCError(code: .cancelled, message: "connection closed")) }
        if let session {
            nghttp2_session_del(session)
            self.session = nil
        }
        if registered {
            registered = false
            registry.sessions[ObjectIdentifier(self)] = nil
            core.sessionClosed()
        }
    }

    // MARK: output

    /// Moves nghttp2's pending frames into the connection and flushes. Never called from inside
    /// an nghttp2 callback.
    func pump() {
        guard session != nil, !pumping else { return }
        pumping = true
        defer { pumping = false }
        // Produce up to 1 MiB, flush; repeat while the socket takes everything and nghttp2 has
        // more. When the socket is full, EPOLLOUT → connectionDidDrainOutput pumps again.
        while let session {
            var produced = 0
            while connection.pendingOutputBytes < 1 << 20 {
                var data: UnsafePointer<UInt8>?
                let n = nghttp2_session_mem_send(session, &data)
                if n < 0 {
                    connection.close(error: nil)
                    return
                }
                if n == 0 { break }
                produced += n
                connection.write(UnsafeRawBufferPointer(start: data, count: n))
            }
            connection.flush()
            guard connection.phase == .active, connection.pendingOutputBytes == 0, produced > 0,
                  let s = self.session, nghttp2_session_want_write(s) != 0 else { break }
        }
        guard let session, connection.phase == .active else { return }
        if closeWhenIdle || (nghttp2_session_want_read(session) == 0 && nghttp2_session_want_write(session) == 0) {
            connection.closeAfterFlush()
        }
    }

    /// Pumps once after the work already queued on the loop: completions that run in the same
    /// loop turn share one pump (one TLS write). Loop thread only; posting from the loop thread
    /// costs no wake-up.
    func pumpSoon() {
        guard !pumpPosted else { return }
        pumpPosted = true
        let bound = LoopBound(self)
        connection.loop.execute {
            let session = bound.value
            session.pumpPosted = false
            session.pump()
        }
    }

    /// After a fatal protocol error: send what nghttp2 queued (GOAWAY) and close; never read again.
    func closeAfterFailure() {
        failed = true
        connection.pauseReading()
        pump()
        guard connection.phase == .active else { return }
        connection.closeAfterFlush()
        // A peer that never reads would keep the GOAWAY unsent: give up after a second.
        let bound = connection!
        connection.loop.schedule(after: .seconds(1)) { bound.close(error: nil) }
    }

    // MARK: shutdown

    /// Starts graceful shutdown: GOAWAY notice now, final GOAWAY after `goAwayDelay`.
    func beginShutdown() {
        guard let session, shutdownState.beginShutdown() == .sendShutdownNotice else { return }
        _ = nghttp2_submit_shutdown_notice(session)
        pump()
        connection.loop.schedule(after: configuration.goAwayDelay) { [self] in
            guard let session = self.session else { return }
            let action = self.shutdownState.noticeDelayElapsed(openStreams: self.streams.count)
            guard action == .sendFinalGoAway || action == .sendFinalGoAwayAndClose else { return }
            _ = nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue),
                                      nghttp2_session_get_last_proc_stream_id(session), NGHTTP2_NO_ERROR.rawValue, nil, 0)
            self.pump()
            if action == .sendFinalGoAwayAndClose, self.connection.phase == .active { self.connection.closeAfterFlush() }
        }
    }

    /// Grace period over: cancel what is still running and close.
    func forceClose() {
        guard shutdownState.gracePeriodExpired() == .forceClose || session != nil else { return }
        if let session {
            _ = nghttp2_session_terminate_session(session, NGHTTP2_NO_ERROR.rawValue)
            pump()
        }
        connection.close(error: nil)
    }

    /// Called from `on_stream_close`, i.e. possibly inside `mem_send` while the stream's last
    /// frame is still being serialised: never close here, only mark; `pump` closes after it has
    /// written everything nghttp2 produced.
    func streamDidClose() {
        if shutdownState.streamClosed(openStreams: streams.count) == .close { closeWhenIdle = true }
    }

    /// A stream ends under a running call: cancel the handler and release its writer.
    func abandon(_ stream: ServerStream, _ error: RPCError) {
        release(stream)
        if let t = stream.deadlineTimer { connection.loop.cancel(t); stream.deadlineTimer = nil }
        if stream.kind == .grpc && !stream.rpc.isFinished {
            stream.rpc.reset()
            counters.rpcsFailed.add(1, ordering: .relaxed)
        }
        stream.context?.cancel(error)
        stream.task?.cancel()
        stream.outbound?.cancel(error)
    }
}
