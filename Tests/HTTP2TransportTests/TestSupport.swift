import Glibc
import HTTP2Transport
import NetIO
import RPCCore
import Synchronization
import WireFormat

/// Raw message bytes as a `WireMessage`, so tests can use the typed client API.
struct Blob: WireMessage, Equatable {
    var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(wireBytes raw: UnsafeRawBufferPointer) throws(WireDecodingError) { bytes = Array(raw) }
    func encode(to encoder: inout WireEncoder) { encoder.bytes.append(contentsOf: bytes) }
}

enum TestCertificate {
    /// One dev certificate per test process, written under /tmp.
    static let paths: (cert: String, key: String) = {
        let dir = "/tmp/tradebot-transport-tests-\(getpid())"
        let cert = "\(dir)/tls/cert.pem", key = "\(dir)/tls/key.pem"
        do {
            try SelfSignedCertificate.generate().write(certificateTo: cert, privateKeyTo: key)
        } catch {
            preconditionFailure("cannot generate test certificate: \(error)")
        }
        return (cert, key)
    }()
}

/// A running server on an ephemeral port with the given router; shut down with `stop()`.
struct TestServer {
    let server: HTTP2Server

    static func start(_ router: RPCRouter, getRoutes: [String: HTTPGetHandler] = [:],
                      configure: (inout HTTP2ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
        let paths = TestCertificate.paths
        var config = HTTP2ServerConfiguration(host: "127.0.0.1", port: 0,
                                              tls: .init(certificateChainFile: paths.cert, privateKeyFile: paths.key))
        config.eventLoopCount = 2
        configure(&config)
        let server = try HTTP2Server(configuration: config, router: router, getRoutes: getRoutes)
        try await server.start()
        return TestServer(server: server)
    }

    var port: Int { server.port }

    func connect(initialWindowSize: UInt32 = 1 << 20) async throws -> HTTP2ClientConnection {
        let tls = try TLSContext.client(trustRootsFile: TestCertificate.paths.cert)
        return try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: port, tls: tls,
                                                       initialWindowSize: initialWindowSize)
    }

    func stop() async { await server.shutdown(gracePeriod: .seconds(5)) }
}

/// A one-shot signal between a handler and the test (no sleeping). `wait` returns early if the
/// waiting task is cancelled, so `withTimeout` can give up on it.
final class Signal: Sendable {
    private struct State {
        var fired = false
        var next = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }
    private let state = Mutex(State())

    func fire() {
        let w = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.fired = true
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for c in w { c.resume() }
    }

    var fired: Bool { state.withLock { $0.fired } }

    func wait() async {
        let id = state.withLock { s -> Int in s.next += 1; return s.next }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if s.fired || Task.isCancelled { return true }
                    s.waiters[id] = c
                    return false
                }
                if now { c.resume() }
            }
        } onCancel: {
            let c = state.withLock { $0.waiters.removeValue(forKey: id) }
            c?.resume()
        }
    }
}

/// Fails (throws) if `body` does not finish within `seconds`: a guard against hangs, not a speed check.
struct TimedOut: Error {}
func withTimeout<T: Sendable>(_ seconds: Double = 30, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut()
        }
        let result = try await group.next()!
        group.cancelAll()
        return result
    }
}

/// Polls `condition` (cheaply) until true or the guard timeout passes.
func eventually(_ seconds: Double = 20, _ condition: @Sendable () async -> Bool) async -> Bool {
    let end = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
}

/// Opens a plain TCP connection to 127.0.0.1:port (blocking), for bad-input tests.
func rawConnect(_ port: Int) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = UInt32(0x7F000001).bigEndian
    let rc = withUnsafePointer(to: &addr) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return rc == 0 ? fd : -1
}

let echo = MethodDescriptor(service: "test.Echo", method: "Say", kind: .unary)
let asyncEcho = MethodDescriptor(service: "test.Echo", method: "SayLater", kind: .unary)
let numbers = MethodDescriptor(service: "test.Echo", method: "Count", kind: .serverStreaming)

/// Echo (inline and async) and a counting stream: request = u32 BE count; messages = 4-byte index.
func basicRouter() -> RPCRouter {
    var router = RPCRouter()
    router.register(echo, handler: .inlineUnary { request, _ in request })
    router.register(asyncEcho, handler: .unary { request, _ in
        await Task.yield()
        return request
    })
    router.register(numbers, handler: .serverStreaming { request, _, writer in
        let n = request.count >= 4 ? Int(request[0]) << 24 | Int(request[1]) << 16 | Int(request[2]) << 8 | Int(request[3]) : 0
        for i in 0..<n {
            try await writer.write([UInt8(i >> 24 & 0xFF), UInt8(i >> 16 & 0xFF), UInt8(i >> 8 & 0xFF), UInt8(i & 0xFF)])
        }
    })
    return router
}

func be32(_ n: Int) -> [UInt8] { [UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
