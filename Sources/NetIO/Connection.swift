import COpenSSL
import CShims
#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection, optionally TLS, owned by one event loop (loop thread only).
///
/// Owns the socket and the `SSL*`; the event loop's registry holds it strongly until it closes.
/// Output is queued with `write` and sent with `flush`, so a protocol layer can coalesce many
/// small frames into one `SSL_write`.
public final class Connection: EventHandler {
    /// `lingering`: we closed our side (close_notify + FIN) and discard what the peer still sends
    /// for a moment, so the kernel does not answer late client frames with a RST that would destroy
    /// our last responses in the peer's receive buffer.
    public enum Phase: Sendable { case connecting, handshaking, active, lingering, closed }

    public let fd: Int32
    /// Strong on purpose (no weak/unowned on hot objects: Swift's side-table refcounting would
    /// make every retain slow). The loop drops its connections when it stops.
    public let loop: EventLoop
    /// `ip:port` of the peer.
    public let peerAddress: String
    public private(set) var phase: Phase
    /// The handler; set before the connection becomes active.
    public var handler: (any ConnectionHandler)?

    private var ssl: OpaquePointer?
    private let counters: NetCounters?
    // Loop thread only: no dynamic exclusivity checks on the hot output path.
    @exclusivity(unchecked) private var output: [UInt8] = []
    @exclusivity(unchecked) private var outputStart = 0
    private var interest: UInt32 = 0
    private var readPaused = false
    private var sslWantsWriteToRead = false
    private var closeWhenFlushed = false
    private var lingerTimer: TimerID?
    private var handshakeTimer: TimerID?
    private var fatalTLSError = false

    init(fd: Int32, loop: EventLoop, ssl: OpaquePointer?, phase: Phase, peerAddress: String, counters: NetCounters?) {
        self.fd = fd
        self.loop = loop
        self.ssl = ssl
        self.phase = phase
        self.peerAddress = peerAddress
        self.counters = counters
    }

    deinit {
        if phase != .closed {
            if let ssl { SSL_free(ssl) }
            Glibc.close(fd)
        }
    }

    /// Bytes queued but not yet accepted by the kernel.
    public var pendingOutputBytes: Int { output.count - outputStart }

    public var isTLS: Bool { ssl != nil }

    /// Registers with the loop and starts the handshake clock. Loop thread only.
    func start(handshakeTimeout: Duration?) throws(NetIOError) {
        interest = phase == .connecting ? EPOLLOUT.rawValue : EPOLLIN.rawValue
        try loop.register(fd: fd, events: interest, handler: self)
        counters?.open.add(1, ordering: .relaxed)
        if let handshakeTimeout, phase != .active {
            // Strong capture: the timer is cancelled when the handshake ends or the connection closes.
            handshakeTimer = loop.schedule(after: handshakeTimeout) { [self] in
                guard self.phase == .connecting || self.phase == .handshaking else { return }
                self.counters?.handshakeTimeouts.add(1, ordering: .relaxed)
                self.close(error: .handshakeTimeout)
            }
        }
        if phase == .active { becomeActive() }
    }

    public func handleEvent(_ events: UInt32) {
        switch phase {
        case .connecting:
            finishConnect(events)
        case .handshaking:
            handshake()
        case .active:
            if events & (EPOLLOUT.rawValue) != 0 {
                flush()
                if phase == .active && pendingOutputBytes == 0 && !closeWhenFlushed {
                    handler?.connectionDidDrainOutput(self)
                }
                if sslWantsWriteToRead { sslWantsWriteToRead = false; readAvailable() }
            }
            if phase == .active && events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                readAvailable()
            }
        case .lingering:
            discardUntilEOF()
        case .closed:
            break
        }
    }

    private func finishConnect(_ events: UInt32) {
        var err: Int32 = 0
        var len = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
        if err != 0 {
            close(error: .system(call: "connect", errno: err))
            return
        }
        if ssl != nil {
            phase = .handshaking
            handshake()
        } else {
            becomeActive()
        }
    }

    private func handshake() {
        guard let ssl else { return }
        ERR_clear_error()
        let rc = SSL_do_handshake(ssl)
        if rc == 1 {
            var proto: UnsafePointer<UInt8>?
            var protoLen: UInt32 = 0
            SSL_get0_alpn_selected(ssl, &proto, &protoLen)
            // No ALPN at all is served as h2 (load-balancer health checkers); anything else was
            // refused by the ALPN callback (server) or is checked here (client).
            if protoLen > 0, let proto, !(protoLen == 2 && proto[0] == 0x68 && proto[1] == 0x32) {
                close(error: .alpnMismatch)
                return
            }
            if SSL_is_server(ssl) != 1 && protoLen == 0 {
                close(error: .alpnMismatch)
                return
            }
            becomeActive()
            return
        }
        switch SSL_get_error(ssl, rc) {
        case SSL_ERROR_WANT_READ:
            setInterest(EPOLLIN.rawValue)
        case SSL_ERROR_WANT_WRITE:
            setInterest(EPOLLIN.rawValue | EPOLLOUT.rawValue)
        default:
            fatalTLSError = true
            counters?.handshakeFailures.add(1, ordering: .relaxed)
            close(error: .tls(call: "SSL_do_handshake", reason: SystemCall.opensslErrors()))
        }
    }

    private func becomeActive() {
        if let t = handshakeTimer { loop.cancel(t); handshakeTimer = nil }
        phase = .active
        setInterest(EPOLLIN.rawValue)
        handler?.connectionDidBecomeActive(self)
        guard phase == .active else { return }
        // TLS may already hold application data that arrived with the handshake's last flight.
        readAvailable()
    }

    private func setInterest(_ events: UInt32) {
        guard events != interest, phase != .closed else { return }
        interest = events
        try? loop.modify(fd: fd, events: events)
    }

    private func updateInterest() {
        var ev: UInt32 = readPaused ? 0 : EPOLLIN.rawValue
        if pendingOutputBytes > 0 || sslWantsWriteToRead { ev |= EPOLLOUT.rawValue }
        setInterest(ev)
    }

    // MARK: reading

    /// Stops reading (the handler is applying backpressure). Loop thread only.
    public func pauseReading() {
        readPaused = true
        updateInterest()
    }

    /// Resumes reading and processes anything already buffered. Loop thread only.
    public func resumeReading() {
        guard readPaused, phase == .active else { return }
        readPaused = false
        updateInterest()
        readAvailable()
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        var gotAny = false
        while phase == .active && !readPaused {
            if let ssl {
                var n = 0
                // The error queue is kept empty (cleared after every failure), so no
                // ERR_clear_error before each call on this hot path.
                if SSL_read_ex(ssl, buffer.baseAddress, buffer.count, &n) == 1 {
                    gotAny = true
                    handler?.connection(self, didRead: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                    continue
                }
                let err = SSL_get_error(ssl, 0)
                if err == SSL_ERROR_WANT_READ { ERR_clear_error(); break }
                if err == SSL_ERROR_WANT_WRITE {
                    ERR_clear_error()
                    sslWantsWriteToRead = true
                    updateInterest()
                    break
                }
                if err == SSL_ERROR_ZERO_RETURN {
                    close(error: nil)
                    return
                }
                fatalTLSError = true
                counters?.ioErrors.add(1, ordering: .relaxed)
                close(error: .tls(call: "SSL_read_ex", reason: SystemCall.opensslErrors()))
                return
            } else {
                let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
                if n > 0 {
                    gotAny = true
                    handler?.connection(self, didRead: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                    if n < buffer.count { break }  // short read: the socket is empty (level-triggered)
                    continue
                }
                if n == 0 { close(error: nil); return }
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                counters?.ioErrors.add(1, ordering: .relaxed)
                close(error: .system(call: "read", errno: errno))
                return
            }
        }
        if gotAny && phase == .active { handler?.connectionDidFinishReading(self) }
    }

    // MARK: writing

    /// Queues bytes for sending (copied). Loop thread only.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard phase != .closed, phase != .lingering, bytes.count > 0 else { return }
        output.append(contentsOf: bytes)
    }

    /// Writes as much queued output as the socket takes; arms EPOLLOUT for the rest.
    public func flush() {
        guard phase == .active else { return }
        while outputStart < output.count {
            let remaining = output.count - outputStart
            let written: Int = output.withUnsafeBytes { raw in
                let p = raw.baseAddress! + outputStart
                if let ssl {
                    var n = 0
                    if SSL_write_ex(ssl, p, remaining, &n) == 1 { return n }
                    let err = SSL_get_error(ssl, 0)
                    ERR_clear_error()
                    if err == SSL_ERROR_WANT_WRITE || err == SSL_ERROR_WANT_READ { return 0 }
                    fatalTLSError = true
                    return -1
                } else {
                    let n = send(fd, p, remaining, Int32(MSG_NOSIGNAL))
                    if n >= 0 { return n }
                    if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return 0 }
                    return -1
                }
            }
            if written < 0 {
                counters?.ioErrors.add(1, ordering: .relaxed)
                close(error: .system(call: "write", errno: errno))
                return
            }
            if written == 0 { break }
            outputStart += written
        }
        if outputStart == output.count {
            if output.capacity > 256 * 1024 { output = [] } else { output.removeAll(keepingCapacity: true) }
            outputStart = 0
            if closeWhenFlushed { beginLingering(); return }
        }
        updateInterest()
    }

    /// Closes once queued output is written (after a GOAWAY, for example).
    public func closeAfterFlush() {
        closeWhenFlushed = true
        flush()
        if phase == .active && pendingOutputBytes == 0 { beginLingering() }
    }

    /// Orderly close after our last bytes: close_notify, FIN, then read-and-discard until the peer
    /// closes or 2 s pass. The handler is told the connection closed right away.
    private func beginLingering() {
        guard phase == .active else { return }
        phase = .lingering
        if let t = handshakeTimer { loop.cancel(t); handshakeTimer = nil }
        if let ssl {
            if !fatalTLSError { _ = SSL_shutdown(ssl) }
            ERR_clear_error()
            SSL_free(ssl)
            self.ssl = nil
        }
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        output = []
        outputStart = 0
        interest = 0
        setInterest(EPOLLIN.rawValue)
        lingerTimer = loop.schedule(after: .seconds(2)) { [self] in self.close(error: nil) }
        counters?.open.add(-1, ordering: .relaxed)
        let h = handler
        handler = nil
        h?.connectionDidClose(self, error: nil)
    }

    private func discardUntilEOF() {
        let buffer = loop.readBuffer
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 { continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            close(error: nil)
            return
        }
    }

    /// Closes now: sends TLS close_notify when possible, closes the socket, tells the handler.
    public func close(error: NetIOError? = nil) {
        guard phase != .closed else { return }
        if phase == .lingering {
            phase = .closed
            if let t = lingerTimer { loop.cancel(t); lingerTimer = nil }
            loop.deregister(fd: fd)
            Glibc.close(fd)
            return
        }
        let wasActive = phase == .active
        phase = .closed
        if let t = handshakeTimer { loop.cancel(t); handshakeTimer = nil }
        loop.deregister(fd: fd)
        if let ssl {
            if wasActive && !fatalTLSError {
                ERR_clear_error()
                _ = SSL_shutdown(ssl)
            }
            ERR_clear_error()
            SSL_free(ssl)
            self.ssl = nil
        }
        Glibc.close(fd)
        output = []
        outputStart = 0
        counters?.open.add(-1, ordering: .relaxed)
        let h = handler
        handler = nil
        h?.connectionDidClose(self, error: error)
    }
}
