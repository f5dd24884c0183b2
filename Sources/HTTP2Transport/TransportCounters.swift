import NetIO
import Synchronization

/// What the transport saw, for the metrics layer: updated on loop threads, read from anywhere.
/// Every kind of bad input increments one of these.
public final class TransportCounters: Sendable {
    /// Connection-level counters (accepts, TLS handshake failures and timeouts, ALPN refusals).
    public let net = NetCounters()
    /// HTTP/2 sessions torn down for a protocol violation (bad preface, bad frames, floods).
    public let http2ProtocolErrors = Atomic<Int>(0)
    /// Frames nghttp2 rejected as malformed (answered with RST_STREAM or GOAWAY by nghttp2).
    public let invalidFrames = Atomic<Int>(0)
    /// Connections closed because the client never sent its SETTINGS.
    public let settingsTimeouts = Atomic<Int>(0)
    public let rpcsStarted = Atomic<Int>(0)
    public let rpcsSucceeded = Atomic<Int>(0)
    public let rpcsFailed = Atomic<Int>(0)
    public let unimplemented = Atomic<Int>(0)
    /// Messages over the size limit.
    public let resourceExhausted = Atomic<Int>(0)
    /// Requests rejected for their shape: content-type, method, grpc-timeout, truncated or
    /// compressed messages, header lists too large.
    public let malformedRequests = Atomic<Int>(0)
    public let deadlineExceeded = Atomic<Int>(0)
    /// Calls the client cancelled (RST_STREAM) while the handler ran.
    public let clientCancellations = Atomic<Int>(0)
    /// Plain HTTP/2 requests (GET routes), any outcome.
    public let httpRequests = Atomic<Int>(0)

    public init() {}

    /// A name → value snapshot, convenient for logs and the metrics exporter.
    public func snapshot() -> [String: Int] {
        [
            "connections_accepted": net.accepted.load(ordering: .relaxed),
            "connections_open": net.open.load(ordering: .relaxed),
            "accept_errors": net.acceptErrors.load(ordering: .relaxed),
            "tls_handshake_failures": net.handshakeFailures.load(ordering: .relaxed),
            "tls_handshake_timeouts": net.handshakeTimeouts.load(ordering: .relaxed),
            "tls_alpn_refused": net.alpnRefused.load(ordering: .relaxed),
            "io_errors": net.ioErrors.load(ordering: .relaxed),
            "http2_protocol_errors": http2ProtocolErrors.load(ordering: .relaxed),
            "http2_invalid_frames": invalidFrames.load(ordering: .relaxed),
            "settings_timeouts": settingsTimeouts.load(ordering: .relaxed),
            "rpcs_started": rpcsStarted.load(ordering: .relaxed),
            "rpcs_succeeded": rpcsSucceeded.load(ordering: .relaxed),
            "rpcs_failed": rpcsFailed.load(ordering: .relaxed),
            "rpcs_unimplemented": unimplemented.load(ordering: .relaxed),
            "rpcs_resource_exhausted": resourceExhausted.load(ordering: .relaxed),
            "malformed_requests": malformedRequests.load(ordering: .relaxed),
            "rpcs_deadline_exceeded": deadlineExceeded.load(ordering: .relaxed),
            "rpcs_client_cancelled": clientCancellations.load(ordering: .relaxed),
            "http_requests": httpRequests.load(ordering: .relaxed),
        ]
    }
}
