import COpenSSL
import Glibc
import NetIO
import Synchronization
import Testing

/// Echoes every byte back: enough protocol to prove a connection is served.
final class EchoHandler: ConnectionHandler {
    func connectionDidBecomeActive(_ connection: Connection) {}
    func connection(_ connection: Connection, didRead bytes: UnsafeRawBufferPointer) { connection.write(bytes) }
    func connectionDidFinishReading(_ connection: Connection) { connection.flush() }
    func connectionDidDrainOutput(_ connection: Connection) {}
    func connectionDidClose(_ connection: Connection, error: NetIOError?) {}
}

enum Fixture {
    static let certificate: (cert: String, key: String) = {
        let dir = "/tmp/tradebot-netio-tests-\(getpid())"
        let paths = ("\(dir)/tls/cert.pem", "\(dir)/tls/key.pem")
        do { try SelfSignedCertificate.generate().write(certificateTo: paths.0, privateKeyTo: paths.1) } catch {
            preconditionFailure("certificate generation failed: \(error)")
        }
        return paths
    }()

    /// An echo server over TLS (or plaintext) on an ephemeral port.
    static func echoServer(tls: Bool = true, handshakeTimeout: Duration = .seconds(10)) async throws
        -> (EventLoopGroup, ServerListener, NetCounters) {
        let group = try EventLoopGroup(loopCount: 2)
        let counters = NetCounters()
        let context = tls ? try TLSContext.server(certificateChainFile: certificate.cert, privateKeyFile: certificate.key,
                                                  counters: counters) : nil
        let listener = try await ServerListener.start(host: "127.0.0.1", port: 0, group: group, tls: context,
                                                      handshakeTimeout: handshakeTimeout, counters: counters) { c in
            c.handler = EchoHandler()
        }
        return (group, listener, counters)
    }
}

/// Blocking TCP connect with a 5 s receive timeout (a failure guard for tests).
func blockingConnect(_ port: Int) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var tv = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = UInt32(0x7F000001).bigEndian
    _ = withUnsafePointer(to: &addr) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return fd
}

struct HandshakeOutcome: Equatable {
    var succeeded: Bool
    var alpn: String?
    var echoed: Bool
}

/// A raw OpenSSL client with knobs the product's client never turns (TLS 1.2, odd ALPN lists).
func handshake(port: Int, maxVersion: Int32? = nil, alpn: [String]?) -> HandshakeOutcome {
    let fd = blockingConnect(port)
    defer { close(fd) }
    guard let ctx = SSL_CTX_new(TLS_client_method()) else { return HandshakeOutcome(succeeded: false, echoed: false) }
    defer { SSL_CTX_free(ctx) }
    if let maxVersion { _ = tb_SSL_CTX_set_max_proto_version(ctx, maxVersion) }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nil)
    if let alpn {
        let wire = alpn.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
        _ = SSL_CTX_set_alpn_protos(ctx, wire, UInt32(wire.count))
    }
    guard let ssl = SSL_new(ctx) else { return HandshakeOutcome(succeeded: false, echoed: false) }
    defer { SSL_free(ssl) }
    SSL_set_fd(ssl, fd)
    ERR_clear_error()
    guard SSL_connect(ssl) == 1 else {
        ERR_clear_error()
        return HandshakeOutcome(succeeded: false, echoed: false)
    }
    var p: UnsafePointer<UInt8>?
    var len: UInt32 = 0
    SSL_get0_alpn_selected(ssl, &p, &len)
    let selected = len > 0 ? String(decoding: UnsafeBufferPointer(start: p, count: Int(len)), as: UTF8.self) : nil
    let ping: [UInt8] = Array("ping".utf8)
    var echoed = false
    if SSL_write(ssl, ping, 4) == 4 {
        var buf = [UInt8](repeating: 0, count: 4)
        var got = 0
        while got < 4 {
            let n = buf.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress! + got, Int32(4 - got)) }
            if n <= 0 { break }
            got += Int(n)
        }
        echoed = got == 4 && buf == ping
    }
    ERR_clear_error()
    return HandshakeOutcome(succeeded: true, alpn: selected, echoed: echoed)
}

@Suite("TLS 1.3 server policy")
struct TLSTests {
    @Test("TLS 1.3 with ALPN h2 is accepted and h2 is selected")
    func h2() async throws {
        let (group, listener, _) = try await Fixture.echoServer()
        let outcome = handshake(port: listener.port, alpn: ["http/1.1", "h2"])
        #expect(outcome == HandshakeOutcome(succeeded: true, alpn: "h2", echoed: true))
        await listener.close()
        await group.shutdown()
    }

    @Test("a client that offers no ALPN is served (as h2)")
    func noALPN() async throws {
        let (group, listener, _) = try await Fixture.echoServer()
        let outcome = handshake(port: listener.port, alpn: nil)
        #expect(outcome == HandshakeOutcome(succeeded: true, alpn: nil, echoed: true))
        await listener.close()
        await group.shutdown()
    }

    @Test("a client that offers ALPN without h2 is refused and counted")
    func http11Only() async throws {
        let (group, listener, counters) = try await Fixture.echoServer()
        let outcome = handshake(port: listener.port, alpn: ["http/1.1"])
        #expect(!outcome.succeeded)
        let refused = counters.alpnRefused.load(ordering: .relaxed)
        #expect(refused == 1)
        #expect(handshake(port: listener.port, alpn: ["h2"]).echoed)
        await listener.close()
        await group.shutdown()
    }

    @Test("a TLS 1.2 client is refused and the server keeps serving")
    func tls12() async throws {
        let (group, listener, counters) = try await Fixture.echoServer()
        let outcome = handshake(port: listener.port, maxVersion: TLS1_2_VERSION, alpn: ["h2"])
        #expect(!outcome.succeeded)
        #expect(await eventuallyTrue { counters.handshakeFailures.load(ordering: .relaxed) == 1 })
        #expect(handshake(port: listener.port, alpn: ["h2"]).echoed)
        await listener.close()
        await group.shutdown()
    }

    @Test("garbage and plaintext HTTP/1.1 on the TLS port fail the handshake without harming others",
          arguments: ["GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "\u{0}\u{1}\u{2}garbage\u{FF}garbage-garbage-garbage"])
    func garbage(input: String) async throws {
        let (group, listener, counters) = try await Fixture.echoServer()
        let fd = blockingConnect(listener.port)
        let bytes = Array(input.utf8)
        _ = write(fd, bytes, bytes.count)
        var buf = [UInt8](repeating: 0, count: 256)
        while read(fd, &buf, buf.count) > 0 {}
        close(fd)
        #expect(await eventuallyTrue { counters.handshakeFailures.load(ordering: .relaxed) == 1 })
        #expect(handshake(port: listener.port, alpn: ["h2"]).echoed)
        await listener.close()
        await group.shutdown()
    }

    @Test("a client that never finishes the handshake is cut off at the handshake timeout")
    func handshakeTimeout() async throws {
        let (group, listener, counters) = try await Fixture.echoServer(handshakeTimeout: .milliseconds(200))
        let fd = blockingConnect(listener.port)
        var buf = [UInt8](repeating: 0, count: 16)
        let n = read(fd, &buf, buf.count)  // returns 0 when the server closes
        close(fd)
        #expect(n == 0)
        let timeouts = counters.handshakeTimeouts.load(ordering: .relaxed)
        #expect(timeouts == 1)
        await listener.close()
        await group.shutdown()
    }
}

func eventuallyTrue(_ condition: @Sendable () -> Bool) async -> Bool {
    for _ in 0..<2000 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
