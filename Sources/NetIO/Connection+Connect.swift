#if canImport(Glibc)
import Glibc
#endif
extension Connection {
    /// Starts a client connection on `loop` (loop thread only). `handler` is called when the
    /// TLS handshake (or plain TCP connect) completes, or with `connectionDidClose` on failure.
    /// With TLS, the server must select ALPN `h2` and present a certificate valid for
    /// `serverName` (default: `host`).
    @discardableResult
    public static func connect(host: String, port: Int, on loop: EventLoop, tls: TLSContext?,
                               serverName: String? = nil, timeout: Duration = .seconds(10),
                               handler: any ConnectionHandler) throws(NetIOError) -> Connection {
        let fd = try SocketAddress.connect(host: host, port: port)
        var ssl: OpaquePointer?
        if let tls {
            do {
                ssl = try tls.makeSSL(fd: fd, serverName: serverName ?? host)
            } catch {
                Glibc.close(fd)
                throw error
            }
        }
        let connection = Connection(fd: fd, loop: loop, ssl: ssl, phase: .connecting,
                                    peerAddress: "\(host):\(port)", counters: nil)
        connection.handler = handler
        try connection.start(handshakeTimeout: timeout)
        return connection
    }
}
