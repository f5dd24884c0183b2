import CShims
#if canImport(Glibc)
import Glibc
#endif

/// Accepts connections on `host:port` with one SO_REUSEPORT socket per event loop, so the
/// kernel spreads new connections over the loops and no loop hands descriptors to another.
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
        var fds: [Int32] = []
        var boundPort = port
        do throws(NetIOError) {
            for _ in group.loops {
                let (fd, p) = try SocketAddress.listen(host: host, port: boundPort, backlog: backlog, reusePort: true)
                boundPort = p
                fds.append(fd)
            }
        } catch {
            for fd in fds { Glibc.close(fd) }
            throw error
        }
        var listeners: [(EventLoop, LoopBound<Listener>)] = []
        for (loop, fd) in zip(group.loops, fds) {
            let result: Result<LoopBound<Listener>, NetIOError> = await loop.submit {
                let l = Listener(fd: fd, loop: loop, tls: tls, handshakeTimeout: handshakeTimeout,
                                 counters: counters, initializer: initializer)
                do throws(NetIOError) {
                    try loop.register(fd: fd, events: EPOLLIN.rawValue, handler: l)
                    return .success(LoopBound(l))
                } catch {
                    Glibc.close(fd)
                    return .failure(error)
                }
            }
            switch result {
            case .success(let l): listeners.append((loop, l))
            case .failure(let e):
                for (loop, l) in listeners { await loop.submit { l.value.close() } }
                throw e
            }
        }
        return ServerListener(port: boundPort, listeners: listeners)
    }

    private init(port: Int, listeners: [(EventLoop, LoopBound<Listener>)]) {
        self.port = port
        self.listeners = listeners
    }

    /// Stops accepting new connections; established ones are untouched.
    public func close() async {
        for (loop, l) in listeners { await loop.submit { l.value.close() } }
    }
}
