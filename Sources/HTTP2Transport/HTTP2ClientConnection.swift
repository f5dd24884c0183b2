import NetIO
import RPCCore

/// A client connection to a gRPC server (TLS 1.3 + ALPN h2, or h2c), multiplexing concurrent
/// calls on one HTTP/2 connection. Thread-safe; implements `ClientTransport`, so wrap it in an
/// `RPCClient` for typed calls.
///
/// The connection's I/O runs on one event loop (by default a shared one-thread client group).
/// Cancelling a calling task resets its stream (RST_STREAM CANCEL); deadlines travel as
/// `grpc-timeout` and are also enforced locally (DEADLINE_EXCEEDED).
public final class HTTP2ClientConnection: ClientTransport, Sendable {
    private let loop: EventLoop
    private let session: LoopBound<ClientSession>
    /// Calls owing the server window credit, flushed together (see `LoopWorkQueue`).
    private let credits = LoopWorkQueue<CallHandle>()

    /// The shared loop for client connections created without an explicit group.
    static let sharedGroup: Result<EventLoopGroup, NetIOError> = Result { () throws(NetIOError) in
        try EventLoopGroup(loopCount: 1)
    }

    /// Connects and completes the TLS and HTTP/2 handshakes.
    /// - Parameters:
    ///   - tls: a client `TLSContext` (`TLSContext.client(trustRootsFile:)`), or `nil` for h2c.
    ///   - serverName: the name (or IP) the certificate must match; defaults to `host`.
    ///   - initialWindowSize: per-stream receive window; bounds what a slow reader buffers.
    public static func connect(host: String, port: Int, tls: TLSContext?, serverName: String? = nil,
                               group: EventLoopGroup? = nil, timeout: Duration = .seconds(10),
                               maxReceiveMessageSize: Int = 4 * 1024 * 1024,
                               initialWindowSize: UInt32 = 1 << 20) async throws(RPCError) -> HTTP2ClientConnection {
        let loop: EventLoop
        if let group {
            loop = group.next()
        } else {
            switch sharedGroup {
            case .success(let g): loop = g.next()
            case .failure(let e): throw RPCError(code: .unavailable, message: "cannot start client event loop: \(e)")
            }
        }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let session = ClientSession(authority: authority, scheme: tls == nil ? "http" : "https",
                                    maxMessageSize: maxReceiveMessageSize, initialWindowSize: initialWindowSize)
        let bound = LoopBound(session)
        let result: Result<Void, RPCError> = await withCheckedContinuation { c in
            loop.execute {
                let session = bound.value
                session.connectWaiter = c
                do throws(NetIOError) {
                    session.connection = try Connection.connect(host: host, port: port, on: loop, tls: tls,
                                                                serverName: serverName, timeout: timeout, handler: session)
                } catch {
                    session.connectWaiter = nil
                    c.resume(returning: .failure(RPCError(code: .unavailable, message: "cannot connect to \(authority): \(error)")))
                }
            }
        }
        try result.get()
        return HTTP2ClientConnection(loop: loop, session: bound)
    }

    /// Convenience: TLS verified against the PEM CA file `trustRootsFile` (the dev certificate
    /// itself works as its own root).
    public static func connect(host: String, port: Int, trustRootsFile: String?,
                               timeout: Duration = .seconds(10)) async throws(RPCError) -> HTTP2ClientConnection {
        let tls: TLSContext
        do { tls = try TLSContext.client(trustRootsFile: trustRootsFile) } catch {
            throw RPCError(code: .unavailable, message: "TLS configuration: \(error)")
        }
        return try await connect(host: host, port: port, tls: tls, timeout: timeout)
    }

    private init(loop: EventLoop, session: LoopBound<ClientSession>) {
        self.loop = loop
        self.session = session
    }

    public func unary(path: String, request: [UInt8], options: CallOptions) async throws(RPCError) -> [UInt8] {
        let handle = CallHandle()
        let session = self.session
        let loop = self.loop
        let result: Result<[UInt8], RPCError> = await withTaskCancellationHandler {
            await withCheckedContinuation { c in
                loop.execute {
                    let s = session.value
                    s.start(ClientCall(handle: handle, path: path, request: request, options: options,
                                       maxMessageSize: s.maxMessageSize, completion: .unary(c)))
                }
            }
        } onCancel: {
            let error = RPCError(code: .cancelled, message: "cancelled by the client")
            handle.markCancelled(error)
            loop.execute { session.value.cancel(handle, error) }
        }
        return try result.get()
    }

    public func serverStreaming(path: String, request: [UInt8], options: CallOptions) -> ClientResponseStream {
        let handle = CallHandle()
        let session = self.session
        let loop = self.loop
        let credits = self.credits
        let stream = ClientResponseStream(capacity: Int.max, onConsumed: { n in
            if handle.addConsumed(n), credits.add(handle) { loop.execute { session.value.flushConsumed(credits.take()) } }
        }, onCancel: {
            let error = RPCError(code: .cancelled, message: "cancelled by the client")
            handle.markCancelled(error)
            loop.execute { session.value.cancel(handle, error) }
        })
        loop.execute {
            let s = session.value
            s.start(ClientCall(handle: handle, path: path, request: request, options: options,
                               maxMessageSize: s.maxMessageSize, completion: .stream(stream)))
        }
        return stream
    }

    /// Sends GOAWAY, fails calls still running with UNAVAILABLE, and closes.
    public func close() async {
        let session = self.session
        await loop.submit { session.value.close() }
    }
}
