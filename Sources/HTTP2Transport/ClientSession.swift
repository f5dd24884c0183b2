import CNGHTTP2
import Glibc
import NetIO
import RPCCore

/// One client HTTP/2 connection: nghttp2 client session over a NetIO `Connection`.
///
/// Loop thread only. Windows are credited only as the application consumes streamed messages
/// (`no_auto_window_update`), so a slow consumer slows the server instead of growing our memory.
/// The client never sends PINGs (gRPC servers punish frequent pings with GOAWAY).
final class ClientSession: ConnectionHandler {
    let authority: String
    let scheme: String
    let maxMessageSize: Int
    let initialWindowSize: UInt32
    private(set) var session: OpaquePointer?
    var connection: Connection?
    var calls: [Int32: ClientCall] = [:]
    var connectWaiter: CheckedContinuation<Result<Void, RPCError>, Never>?
    private(set) var closedError: RPCError?
    private var goingAway = false
    /// Error code of the last GOAWAY received (0 = NO_ERROR), for diagnostics.
    private var goAwayErrorCode: UInt32 = 0
    private var pumping = false

    init(authority: String, scheme: String, maxMessageSize: Int, initialWindowSize: UInt32) {
        self.authority = authority
        self.scheme = scheme
        self.maxMessageSize = maxMessageSize
        self.initialWindowSize = initialWindowSize
    }

    // MARK: ConnectionHandler

    func connectionDidBecomeActive(_ connection: Connection) {
        var option: OpaquePointer?
        guard nghttp2_option_new(&option) == 0, let option else { connection.close(); return }
        defer { nghttp2_option_del(option) }
        nghttp2_option_set_no_auto_window_update(option, 1)
        var s: OpaquePointer?
        guard nghttp2_session_client_new2(&s, ClientCallbacks.shared.raw, Unmanaged.passUnretained(self).toOpaque(), option) == 0,
              let s else { connection.close(); return }
        session = s
        var settings = [
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_ENABLE_PUSH.rawValue), value: 0),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: initialWindowSize),
        ]
        _ = nghttp2_submit_settings(s, UInt8(NGHTTP2_FLAG_NONE.rawValue), &settings, settings.count)
        if initialWindowSize > 65_535 {
            _ = nghttp2_session_set_local_window_size(s, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, Int32(clamping: initialWindowSize))
        }
        pump()
        connectWaiter?.resume(returning: .success(()))
        connectWaiter = nil
    }

    func connection(_ connection: Connection, didRead bytes: UnsafeRawBufferPointer) {
        guard let session, let base = bytes.baseAddress else { return }
        let rv = nghttp2_session_mem_recv(session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        if rv < 0 {
            let reason = String(cString: nghttp2_strerror(Int32(rv)))
            failAll(RPCError(code: .unavailable, message: "HTTP/2 protocol error: \(reason)"))
            connection.close(error: nil)
        }
    }

    func connectionDidFinishReading(_ connection: Connection) { pump() }
    func connectionDidDrainOutput(_ connection: Connection) { pump() }

    func connectionDidClose(_ connection: Connection, error: NetIOError?) {
        let reason = RPCError(code: .unavailable, message: error.map { "connection failed: \($0)" }
                              ?? (goAwayErrorCode != 0 ? "connection closed by the server (GOAWAY error \(goAwayErrorCode))"
                                  : goingAway ? "connection closed by the server after GOAWAY" : "connection closed by the server"))
        connectWaiter?.resume(returning: .failure(reason))
        connectWaiter = nil
        failAll(reason)
        if let session {
            nghttp2_session_del(session)
            self.session = nil
        }
        self.connection = nil
    }

    private func failAll(_ error: RPCError) {
        if closedError == nil { closedError = error }
        let all = calls
        calls = [:]
        for (_, call) in all {
            if let t = call.timer { connection?.loop.cancel(t) }
            call.complete(error)
        }
    }

    func pump() {
        guard !pumping, let connection else { return }
        pumping = true
        defer { pumping = false }
        while let session {
            var produced = 0
            while connection.pendingOutputBytes < 1 << 20 {
                var data: UnsafePointer<UInt8>?
                let n = nghttp2_session_mem_send(session, &data)
                if n <= 0 { break }
                produced += n
                connection.write(UnsafeRawBufferPointer(start: data, count: n))
            }
            connection.flush()
            guard connection.phase == .active, connection.pendingOutputBytes == 0, produced > 0,
                  let s = self.session, nghttp2_session_want_write(s) != 0 else { break }
        }
    }

    // MARK: calls (loop thread)

    func start(_ call: ClientCall) {
        if let e = call.handle.cancellation { call.complete(e); return }
        guard let session, closedError == nil, !goingAway else {
            call.complete(closedError ?? RPCError(code: .unavailable, message: "connection is going away"))
            return
        }
        var headers = HeaderList()
        headers.add(":method", "POST")
        headers.add(":scheme", scheme)
        headers.add(":path", call.path)
        headers.add(":authority", authority)
        headers.add("te", "trailers")
        headers.add("content-type", "application/grpc")
        if let deadline = call.options.deadline {
            let remaining = deadline - .now
            if remaining <= .zero {
                call.complete(RPCError(code: .deadlineExceeded, message: "deadline exceeded before the call started"))
                return
            }
            headers.add("grpc-timeout", GRPCTimeout(remaining).headerValue)
        }
        headers.add("user-agent", "grpc-swift-tradebot/1.0")
        for entry in call.options.metadata { headers.add(entry.name, entry.value) }
        var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: clientDataRead)
        let id = headers.withNV { nv, n in nghttp2_submit_request(session, nil, nv, n, &provider, nil) }
        guard id > 0 else {
            call.complete(RPCError(code: .unavailable, message: "cannot start stream: \(String(cString: nghttp2_strerror(id)))"))
            return
        }
        call.id = id
        call.handle.streamID = id
        calls[id] = call
        if let deadline = call.options.deadline {
            let handle = call.handle
            call.timer = connection?.loop.schedule(after: deadline - .now) { [self] in
                self.cancel(handle, RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
            }
        }
        pump()
    }

    /// Cancels a call locally (task cancellation, deadline): RST_STREAM(CANCEL) and complete.
    func cancel(_ handle: CallHandle, _ error: RPCError) {
        handle.markCancelled(error)
        guard let id = handle.streamID, let call = calls[id], !call.finished else { return }
        if let t = call.timer { connection?.loop.cancel(t); call.timer = nil }
        if let session {
            _ = nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, NGHTTP2_CANCEL.rawValue)
        }
        call.complete(error)
        pump()
    }

    /// The application consumed streamed bytes: open the window by that much.
    /// Returns window credit for what the consumers of `handles` read, then writes once.
    func flushConsumed(_ handles: [CallHandle]) {
        var credited = false
        for handle in handles {
            let n = handle.takeConsumed()
            guard n > 0, let session, let id = handle.streamID, let call = calls[id] else { continue }
            let credit = min(n, call.unconsumed)
            guard credit > 0 else { continue }
            call.unconsumed -= credit
            _ = nghttp2_session_consume(session, id, credit)
            credited = true
        }
        if credited { pump() }
    }

    func close() {
        if let session {
            _ = nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, NGHTTP2_NO_ERROR.rawValue, nil, 0)
        }
        goingAway = true
        pump()
        failAll(RPCError(code: .unavailable, message: "connection closed by the client"))
        connection?.closeAfterFlush()
    }

    // MARK: nghttp2 callbacks

    func onHeader(_ id: Int32, _ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) {
        guard let call = calls[id] else { return }
        if ServerSession.equals(name, ":status") {
            call.httpStatus = Int(String(decoding: value, as: UTF8.self))
        } else if ServerSession.equals(name, "grpc-status") {
            call.grpcStatus = Status.Code(headerValue: String(decoding: value, as: UTF8.self)) ?? .unknown
        } else if ServerSession.equals(name, "grpc-message") {
            call.grpcMessage = String(decoding: value, as: UTF8.self)
        } else if name.first != UInt8(ascii: ":") {
            let key = String(decoding: name, as: UTF8.self)
            if !ServerSession.reservedTrailers.contains(key) {
                call.metadata.add(key, String(decoding: value, as: UTF8.self))
            }
        }
    }

    func onFrameReceived(_ frame: UnsafePointer<nghttp2_frame>) {
        let type = UInt32(frame.pointee.hd.type)
        if type == NGHTTP2_GOAWAY.rawValue {
            goingAway = true
            goAwayErrorCode = frame.pointee.goaway.error_code
            return
        }
        guard type == NGHTTP2_HEADERS.rawValue || type == NGHTTP2_DATA.rawValue,
              frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0,
              let call = calls[frame.pointee.hd.stream_id] else { return }
        if let t = call.timer { connection?.loop.cancel(t); call.timer = nil }
        if call.deframer.hasPartialMessage && call.grpcStatus == .ok {
            call.complete(RPCError(code: .internal, message: "response ended inside a message"))
        } else {
            call.complete(call.statusFromResponse())
        }
    }

    func onData(_ id: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard let session, let call = calls[id] else { return }
        if call.isStreaming && !call.finished {
            call.unconsumed += bytes.count
        } else {
            _ = nghttp2_session_consume(session, id, bytes.count)
        }
        guard !call.finished else { return }
        do throws(GRPCMessageDeframer.Failure) {
            switch call.completion {
            case .unary:
                try call.deframer.process(bytes) { message in
                    call.messages += 1
                    call.response = message
                }
            case .stream(let s):
                // Hand the chunk's messages over together: one lock and one consumer wake-up.
                var batch: [[UInt8]] = []
                defer { s.deliver(contentsOf: batch) }
                try call.deframer.process(bytes) { message in
                    call.messages += 1
                    batch.append(message)
                }
            }
        } catch {
            let e: RPCError
            switch error {
            case .messageTooLarge(let length, let limit):
                e = RPCError(code: .resourceExhausted, message: "response message of \(length) bytes exceeds the limit of \(limit) bytes")
            case .compressed, .invalidFlag:
                e = RPCError(code: .internal, message: "compressed response without a supported grpc-encoding")
            }
            _ = nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, NGHTTP2_CANCEL.rawValue)
            call.complete(e)
        }
    }

    func onStreamClose(_ id: Int32, errorCode: UInt32) {
        guard let call = calls.removeValue(forKey: id) else { return }
        if let t = call.timer { connection?.loop.cancel(t); call.timer = nil }
        if call.unconsumed > 0, let session {
            // Give the connection window back for bytes the application will now never read.
            _ = nghttp2_session_consume_connection(session, call.unconsumed)
            call.unconsumed = 0
        }
        guard !call.finished else { return }
        let error: RPCError
        switch errorCode {
        case NGHTTP2_REFUSED_STREAM.rawValue: error = RPCError(code: .unavailable, message: "stream refused by the server")
        case NGHTTP2_CANCEL.rawValue: error = RPCError(code: .cancelled, message: "cancelled by the server")
        case NGHTTP2_ENHANCE_YOUR_CALM.rawValue: error = RPCError(code: .resourceExhausted, message: "server said ENHANCE_YOUR_CALM")
        case NGHTTP2_INADEQUATE_SECURITY.rawValue: error = RPCError(code: .permissionDenied, message: "inadequate security")
        case NGHTTP2_NO_ERROR.rawValue where goingAway:
            error = RPCError(code: .unavailable, message: "connection is going away")
        default: error = RPCError(code: .internal, message: "stream closed with HTTP/2 error \(errorCode)")
        }
        call.complete(error)
    }

    func readData(_ id: Int32, _ buf: UnsafeMutablePointer<UInt8>, _ length: Int, _ flags: UnsafeMutablePointer<UInt32>) -> Int {
        guard let call = calls[id] else { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
        let n = min(length, call.body.count - call.bodyOffset)
        if n > 0 {
            call.body.withUnsafeBufferPointer { buf.update(from: $0.baseAddress! + call.bodyOffset, count: n) }
            call.bodyOffset += n
        }
        if call.bodyOffset == call.body.count {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            call.body = []
            call.bodyOffset = 0
        }
        return n
    }
}
