import CShims
#if canImport(Glibc)
import Glibc
#endif

/// One loop's registration of a shared listening socket; accepts connections and hands them to `initializer`.
/// Loop thread only.
final class Listener: EventHandler {
    let fd: Int32
    let loop: EventLoop
    let tls: TLSContext?
    let handshakeTimeout: Duration
    let counters: NetCounters
    let initializer: @Sendable (Connection) -> Void
    private var closed = false
    private var pausedForEMFILE = false

    init(fd: Int32, loop: EventLoop, tls: TLSContext?, handshakeTimeout: Duration, counters: NetCounters,
         initializer: @escaping @Sendable (Connection) -> Void) {
        self.fd = fd
        self.loop = loop
        self.tls = tls
        self.handshakeTimeout = handshakeTimeout
        self.counters = counters
        self.initializer = initializer
    }

    func handleEvent(_ events: UInt32) {
        // Bounded batch per wake-up so one listener cannot starve established connections.
        for _ in 0..<64 {
            var addr = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let cfd = withUnsafeMutablePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    tb_accept4(fd, $0, &len, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if cfd < 0 {
                let e = errno
                if e == EAGAIN || e == EWOULDBLOCK { return }
                if e == EINTR || e == ECONNABORTED { continue }
                counters.acceptErrors.add(1, ordering: .relaxed)
                if e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM {
                    // Out of descriptors: stop accepting briefly instead of spinning on a
                    // level-triggered event we cannot clear.
                    pauseAccepting()
                }
                return
            }
            accepted(cfd, &addr)
        }
    }

    private func accepted(_ cfd: Int32, _ addr: inout sockaddr_storage) {
        counters.accepted.add(1, ordering: .relaxed)
        try? SocketAddress.setOption(cfd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        let peer = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress.describe($0) }
        }
        var ssl: OpaquePointer?
        if let tls {
            guard let s = try? tls.makeSSL(fd: cfd, serverName: nil) else {
                counters.handshakeFailures.add(1, ordering: .relaxed)
                Glibc.close(cfd)
                return
            }
            ssl = s
        }
        let connection = Connection(fd: cfd, loop: loop, ssl: ssl, phase: tls == nil ? .active : .handshaking,
                                    peerAddress: peer, counters: counters)
        initializer(connection)
        do {
            try connection.start(handshakeTimeout: handshakeTimeout)
        } catch {
            connection.close(error: error)
        }
    }

    private func pauseAccepting() {
        guard !pausedForEMFILE else { return }
        pausedForEMFILE = true
        loop.deregister(fd: fd)
        loop.schedule(after: .milliseconds(50)) { [self] in
            guard !self.closed else { return }
            self.pausedForEMFILE = false
            try? self.loop.register(fd: self.fd, events: Listener.events, handler: self)
        }
    }

    /// EPOLLEXCLUSIVE: the listening socket is shared by every loop; wake only one per connection.
    static let events = EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue

    /// Stops accepting on this loop. The socket itself is closed by `ServerListener`.
    func close() {
        guard !closed else { return }
        closed = true
        loop.deregister(fd: fd)
    }
}
