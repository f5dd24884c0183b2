import CNGHTTP2

/// The nghttp2 callback table for server sessions, built once. nghttp2 copies it into each
/// session, so sharing the read-only table between loops is safe. Every callback is a
/// non-capturing closure that finds its `ServerSession` through `user_data`.
final class ServerCallbacks: @unchecked Sendable {
    let raw: OpaquePointer

    static let shared = ServerCallbacks()

    /// Runs `body` with the session behind `user_data` without retaining it (the connection
    /// keeps it alive for the whole callback).
    @inline(__always)
    static func with<R>(_ user: UnsafeMutableRawPointer?, _ body: (ServerSession) -> R) -> R {
        Unmanaged<ServerSession>.fromOpaque(user!)._withUnsafeGuaranteedRef(body)
    }

    private init() {
        var cbs: OpaquePointer?
        // Allocation failure here means the process is out of memory at start-up.
        guard nghttp2_session_callbacks_new(&cbs) == 0, let cbs else { fatalError("nghttp2_session_callbacks_new failed") }
        raw = cbs
        nghttp2_session_callbacks_set_send_callback(cbs) { _, _, _, _, _ in
            // Output goes through mem_send; this is never called.
            Int(NGHTTP2_ERR_WOULDBLOCK.rawValue)
        }
        nghttp2_session_callbacks_set_on_begin_headers_callback(cbs) { _, frame, user in
            guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue),
                  frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST else { return 0 }
            ServerCallbacks.with(user) { $0.beginStream(frame.pointee.hd.stream_id) }
            return 0
        }
        nghttp2_session_callbacks_set_on_header_callback(cbs) { _, frame, name, namelen, value, valuelen, _, user in
            guard let frame, let name, let value else { return 0 }
            return ServerCallbacks.with(user) {
                $0.onHeader(frame, UnsafeBufferPointer(start: name, count: namelen),
                            UnsafeBufferPointer(start: value, count: valuelen))
            }
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(cbs) { _, frame, user in
            guard let frame else { return 0 }
            ServerCallbacks.with(user) { $0.onFrameReceived(frame) }
            return 0
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs) { _, _, streamID, data, len, user in
            guard let data else { return 0 }
            ServerCallbacks.with(user) { $0.onData(streamID, UnsafeRawBufferPointer(start: data, count: len)) }
            return 0
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(cbs) { _, streamID, errorCode, user in
            ServerCallbacks.with(user) { $0.onStreamClose(streamID, errorCode: errorCode) }
            return 0
        }
        nghttp2_session_callbacks_set_on_invalid_frame_recv_callback(cbs) { _, _, _, user in
            // A frame nghttp2 rejected (e.g. request HEADERS without :authority, bad pseudo-headers):
            // nghttp2 answers with RST_STREAM/GOAWAY itself; we only count it.
            ServerCallbacks.with(user) { _ = $0.counters.invalidFrames.add(1, ordering: .relaxed) }
            return 0
        }
        nghttp2_session_callbacks_set_on_frame_send_callback(cbs) { _, frame, user in
            guard let frame else { return 0 }
            ServerCallbacks.with(user) { $0.onFrameSent(frame) }
            return 0
        }
    }
}

/// Reads a response body into a DATA frame (nghttp2 data provider callback).
let serverDataRead: nghttp2_data_source_read_callback = { _, streamID, buf, length, flags, _, user in
    guard let buf, let flags else { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
    return ServerCallbacks.with(user) { $0.readData(streamID, buf, length, flags) }
}
