import CNGHTTP2

/// The nghttp2 callback table for client sessions (see `ServerCallbacks`).
final class ClientCallbacks: @unchecked Sendable {
    let raw: OpaquePointer

    static let shared = ClientCallbacks()

    @inline(__always)
    static func session(_ user: UnsafeMutableRawPointer?) -> ClientSession {
        Unmanaged<ClientSession>.fromOpaque(user!).takeUnretainedValue()
    }

    private init() {
        var cbs: OpaquePointer?
        // Allocation failure here means the process is out of memory.
        guard nghttp2_session_callbacks_new(&cbs) == 0, let cbs else { fatalError("nghttp2_session_callbacks_new failed") }
        raw = cbs
        nghttp2_session_callbacks_set_send_callback(cbs) { _, _, _, _, _ in Int(NGHTTP2_ERR_WOULDBLOCK.rawValue) }
        nghttp2_session_callbacks_set_on_header_callback(cbs) { _, frame, name, namelen, value, valuelen, _, user in
            guard let frame, let name, let value else { return 0 }
            ClientCallbacks.session(user).onHeader(
                frame.pointee.hd.stream_id, UnsafeBufferPointer(start: name, count: namelen),
                UnsafeBufferPointer(start: value, count: valuelen))
            return 0
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(cbs) { _, frame, user in
            guard let frame else { return 0 }
            ClientCallbacks.session(user).onFrameReceived(frame)
            return 0
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs) { _, _, streamID, data, len, user in
            guard let data else { return 0 }
            ClientCallbacks.session(user).onData(streamID, UnsafeRawBufferPointer(start: data, count: len))
            return 0
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(cbs) { _, streamID, errorCode, user in
            ClientCallbacks.session(user).onStreamClose(streamID, errorCode: errorCode)
            return 0
        }
    }
}

/// Reads a request body into a DATA frame.
let clientDataRead: nghttp2_data_source_read_callback = { _, streamID, buf, length, flags, _, user in
    guard let buf, let flags else { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
    return ClientCallbacks.session(user).readData(streamID, buf, length, flags)
}
