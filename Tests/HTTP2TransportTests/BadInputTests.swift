import Foundation
import Glibc
import HTTP2Transport
import NetIO
import RPCCore
import Synchronization
import Testing

private let healthCheck = MethodDescriptor(service: "grpc.health.v1.Health", method: "Check", kind: .unary)

/// Router with echo + a health Check stand-in, and a /healthz route.
private func startServer(plaintext: Bool = true,
                         configure: (inout HTTP2ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
    var router = basicRouter()
    router.register(healthCheck, handler: .inlineUnary { _, _ in [0x08, 0x01] })
    let healthz: HTTPGetHandler = { _ in HTTPResponse(status: 200, contentType: "application/json", text: #"{"status":"ok"}"#) }
    return try await TestServer.start(router, getRoutes: ["/healthz": healthz]) { config in
        if plaintext { config.plaintextListener = .init(host: "127.0.0.1", port: 0) }
        configure(&config)
    }
}

/// Runs a tool and returns its combined output (tests using it are skipped when the tool is missing).
private func run(_ tool: String, _ args: [String], stdin: [UInt8]? = nil) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    if let stdin {
        let input = Pipe()
        p.standardInput = input
        try p.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
    } else {
        try p.run()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

private let hasCurl = FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")
private let hasNghttp = FileManager.default.isExecutableFile(atPath: "/usr/bin/nghttp")

/// Writes all bytes to a blocking socket.
private func send(_ fd: Int32, _ bytes: [UInt8]) {
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL)) }
        if n <= 0 { return }
        off += n
    }
}

/// Reads until EOF/error (5 s receive timeout as a guard) and returns the byte count.
private func drain(_ fd: Int32) -> Int {
    var tv = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var total = 0
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(fd, &buf, buf.count)
        if n <= 0 { return total }
        total += n
    }
}

private let clientMagic = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
private func frame(type: UInt8, flags: UInt8 = 0, stream: UInt32 = 0, payload: [UInt8] = []) -> [UInt8] {
    let n = payload.count
    return [UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF), type, flags,
            UInt8(stream >> 24), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF)] + payload
}

@Suite("Bad input and plain HTTP routes", .serialized)
struct BadInputTests {
    @Test("GET /healthz is served on the TLS port and on the plaintext listener", .enabled(if: hasCurl))
    func healthz() async throws {
        let server = try await startServer()
        let tlsOut = try run("/usr/bin/curl", ["-s", "--http2", "--cacert", TestCertificate.paths.cert, "-w", " %{http_code} %{http_version}",
                                               "https://localhost:\(server.port)/healthz"])
        #expect(tlsOut == #"{"status":"ok"} 200 2"#)
        let plainOut = try run("/usr/bin/curl", ["-s", "--http2-prior-knowledge", "-w", " %{http_code}",
                                                 "http://127.0.0.1:\(server.server.plaintextPort!)/healthz"])
        #expect(plainOut == #"{"status":"ok"} 200"#)
        let missing = try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "--http2-prior-knowledge", "-w", "%{http_code}",
                                                "http://127.0.0.1:\(server.server.plaintextPort!)/metrics"])
        #expect(missing == "404")
        await server.stop()
    }

    @Test("a POST without the gRPC content-type gets 415 and GET on an RPC path gets 405", .enabled(if: hasCurl))
    func wrongShapes() async throws {
        let server = try await startServer()
        let base = "https://localhost:\(server.port)"
        let post = try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "--http2", "--cacert", TestCertificate.paths.cert,
                                             "-w", "%{http_code}", "-d", "x", "\(base)\(echo.fullPath)"])
        #expect(post == "415")
        let get = try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "--http2", "--cacert", TestCertificate.paths.cert,
                                            "-w", "%{http_code}", "\(base)\(echo.fullPath)"])
        #expect(get == "405")
        #expect(server.server.counters.malformedRequests.load(ordering: .relaxed) == 2)
        await server.stop()
    }

    @Test("truncated and compressed request messages get the protocol's status", .enabled(if: hasNghttp),
          arguments: [
            ([UInt8]([0, 0, 0, 0, 10, 1, 2, 3]), [String](), "grpc-status: 13"),
            ([1, 0, 0, 0, 1, 0], [], "grpc-status: 13"),
            ([1, 0, 0, 0, 1, 0], ["-H", "grpc-encoding: gzip"], "grpc-status: 12"),
          ])
    func badBodies(body: [UInt8], headers: [String], expected: String) async throws {
        let server = try await startServer()
        let path = "/tmp/tradebot-body-\(getpid())-\(body.count)-\(headers.count)"
        try Data(body).write(to: URL(fileURLWithPath: path))
        let out = try run("/usr/bin/nghttp", ["-v", "-d", path, "-H", "content-type: application/grpc", "-H", "te: trailers"]
                          + headers + ["http://127.0.0.1:\(server.server.plaintextPort!)/grpc.health.v1.Health/Check"])
        #expect(out.contains(expected), "\(out)")
        #expect(server.server.counters.malformedRequests.load(ordering: .relaxed) == 1)
        await server.stop()
    }

    @Test("the plaintext listener serves only its allowed routes")
    func restrictedListener() async throws {
        let server = try await startServer()
        let connection = try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: server.server.plaintextPort!, tls: nil)
        let ok = try await connection.unary(path: healthCheck.fullPath, request: [], options: CallOptions())
        #expect(ok == [0x08, 0x01])
        do {
            _ = try await connection.unary(path: echo.fullPath, request: [1], options: CallOptions())
            Issue.record("echo must not be served on the plaintext listener")
        } catch {
            #expect(error.code == .unimplemented)
        }
        await connection.close()
        await server.stop()
    }

    @Test("plaintext HTTP/1.1 to the h2c port gets GOAWAY and is counted")
    func http11OnPlaintext() async throws {
        let server = try await startServer()
        let fd = rawConnect(server.server.plaintextPort!)
        send(fd, Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let got = drain(fd)
        close(fd)
        #expect(got > 0)  // the GOAWAY frame
        #expect(server.server.counters.http2ProtocolErrors.load(ordering: .relaxed) == 1)
        let c = try await server.connect()
        #expect(try await c.unary(path: echo.fullPath, request: [5], options: CallOptions()) == [5])
        await c.close()
        await server.stop()
    }

    @Test("a client that never sends SETTINGS is closed after the timeout")
    func noSettings() async throws {
        let server = try await startServer { $0.handshakeTimeout = .milliseconds(200) }
        let fd = rawConnect(server.server.plaintextPort!)
        send(fd, clientMagic)
        _ = drain(fd)
        close(fd)
        #expect(server.server.counters.settingsTimeouts.load(ordering: .relaxed) == 1)
        await server.stop()
    }

    @Test("request HEADERS without :authority are reset by nghttp2 and counted")
    func missingAuthority() async throws {
        let server = try await startServer()
        let fd = rawConnect(server.server.plaintextPort!)
        // HPACK static table: 0x83 = :method POST, 0x86 = :scheme http, 0x84 = :path /.
        let headers = frame(type: 1, flags: 0x05, stream: 1, payload: [0x83, 0x86, 0x84])
        send(fd, clientMagic + frame(type: 4) + headers)
        let counted = await eventually { server.server.counters.invalidFrames.load(ordering: .relaxed) == 1 }
        close(fd)
        #expect(counted)
        await server.stop()
    }

    @Test("streams holding unfinished messages beyond the connection budget get RESOURCE_EXHAUSTED")
    func connectionBufferBudget() async throws {
        let server = try await startServer { $0.connectionRequestBufferLimit = 48 * 1024 }
        func literal(_ index: UInt8, _ value: String) -> [UInt8] {
            [index, UInt8(value.utf8.count)] + Array(value.utf8)  // literal without indexing, indexed name
        }
        // :method POST, :scheme http, :authority, :path, content-type (static index 31 = 0x0F 0x10).
        let block: [UInt8] = [0x83, 0x86] + literal(0x01, "localhost") + literal(0x04, healthCheck.fullPath)
            + [0x0F, 0x10, 16] + Array("application/grpc".utf8)
        var bytes = clientMagic + frame(type: 4)
        for stream: UInt32 in [1, 3] {
            bytes += frame(type: 1, flags: 0x04, stream: stream, payload: block)  // END_HEADERS, body follows
            // Declares a 50,000-byte message and sends 30,000 bytes of it, never finishing.
            let body: [UInt8] = [0, 0, 0, 0xC3, 0x50] + [UInt8](repeating: 1, count: 15_000)
            bytes += frame(type: 0, stream: stream, payload: body)
            bytes += frame(type: 0, stream: stream, payload: [UInt8](repeating: 1, count: 15_000))
        }
        let fd = rawConnect(server.server.plaintextPort!)
        send(fd, bytes)
        let rejected = await eventually { server.server.counters.resourceExhausted.load(ordering: .relaxed) == 1 }
        close(fd)
        #expect(rejected)
        await server.stop()
    }

    @Test("a PING flood ends that connection and others are still served")
    func pingFlood() async throws {
        let server = try await startServer()
        let fd = rawConnect(server.server.plaintextPort!)
        var flood = clientMagic + frame(type: 4)
        let ping = frame(type: 6, payload: [UInt8](repeating: 0, count: 8))
        for _ in 0..<20_000 { flood += ping }
        // Never read: the server's PING ACK queue grows until nghttp2 detects the flood.
        send(fd, flood)
        let closed = await eventually { server.server.counters.http2ProtocolErrors.load(ordering: .relaxed) == 1 }
        close(fd)
        #expect(closed)
        let c = try await server.connect()
        #expect(try await c.unary(path: echo.fullPath, request: [6], options: CallOptions()) == [6])
        await c.close()
        await server.stop()
    }

    @Test("a thousand connections opened and dropped leave the server serving")
    func connectionChurn() async throws {
        let server = try await startServer()
        for _ in 0..<1000 {
            let fd = rawConnect(server.port)
            if fd >= 0 { close(fd) }
        }
        let c = try await server.connect()
        #expect(try await c.unary(path: echo.fullPath, request: [7], options: CallOptions()) == [7])
        #expect(await eventually { server.server.counters.net.open.load(ordering: .relaxed) == 1 })
        await c.close()
        await server.stop()
    }

    @Test("the client refuses a certificate that does not match the server name")
    func hostnameMismatch() async throws {
        let server = try await startServer(plaintext: false)
        let tls = try TLSContext.client(trustRootsFile: TestCertificate.paths.cert)
        do {
            _ = try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: server.port, tls: tls, serverName: "wrong.example")
            Issue.record("connection should fail verification")
        } catch {
            #expect(error.code == .unavailable)
        }
        let ok = try await HTTP2ClientConnection.connect(host: "localhost", port: server.port, tls: tls)
        #expect(try await ok.unary(path: echo.fullPath, request: [8], options: CallOptions()) == [8])
        await ok.close()
        await server.stop()
    }
}
