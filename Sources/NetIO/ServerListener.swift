import CShims
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Accepts connections on `host:port`: one listening socket registered on every event loop with
/// EPOLLEXCLUSIVE, so each new connection wakes one loop, which accepts and owns it.
/// (Not SO_REUSEPORT: with ephemeral ports two servers in one process could end up sharing a port.)
public final class ServerListener: Sendable {
    /// The bound port (the real one when 0 was asked for).
    public let port: Int
    private let listeners: [(EventLoop, LoopBound<Listener>)]

    /// Binds and starts accepting. `initializer` runs on the accepting loop for each new
    /// connection and must set `connection.handler`. Pass `tls: nil` for plaintext (h2c).
    public static func start(host: String, port: Int, group: EventLoopGroup, tls: TLSContext?,
                             backlog: Int32 = 1024, handshakeTimeout: Duration = .seconds(10),
                             counters: NetCounters,
                             initializer: @escaping @Sendable (Connection) -> Void) async throws(NetIOError) -> ServerListener {
        let (fd, boundPort) = try SocketAddress.listen(host: host, port: port, backlog: backlog, reusePort: false)
        var listeners: [(EventLoop, LoopBound<Listener>)] = []
        for loop in group.loops {
            let result: Result<LoopBound<Listener>, NetIOError> = await loop.submit {
                let l = Listener(fd: fd, loop: loop, tls: tls, handshakeTimeout: handshakeTimeout,
                                 counters: counters, initializer: initializer)
                do throws(NetIOError) {
                    try loop.register(fd: fd, events: Listener.events, handler: l)
                    return .success(LoopBound(l))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let l): listeners.append((loop, l))
            case .failure(let e):
                for (loop, l) in listeners { await loop.submit { l.value.close() } }
                Glibc.close(fd)
                throw e
            }
        }
        return ServerListener(fd: fd, port: boundPort, listeners: listeners)
    }

    private let fd: Int32
    private let closed = PThreadLocked(false)

    private init(fd: Int32, port: Int, listeners: [(EventLoop, LoopBound<Listener>)]) {
        self.fd = fd
        self.port = port
        self.listeners = listeners
    }

    /// Stops accepting new connections; established ones are untouched.
    public func close() async {
        guard closed.withLock({ c in defer { c = true }; return !c }) else { return }
        for (loop, l) in listeners { await loop.submit { l.value.close() } }
        Glibc.close(fd)
    }
}
