import Glibc
import HTTP2Transport
import NetIO
import RPCCore
import Synchronization
import Testing

@Suite("gRPC over loopback TLS with the Swift client")
struct EndToEndTests {
    @Test("a unary call echoes its request, inline and async handlers alike", arguments: [echo, asyncEcho])
    func unaryEcho(method: MethodDescriptor) async throws {
        let server = try await TestServer.start(basicRouter())
        let connection = try await server.connect()
        let client = RPCClient(transport: connection)
        for size in [0, 1, 5000, 300_000] {
            let payload = Blob((0..<size).map { UInt8($0 & 0xFF) })
            let reply: Blob = try await client.unary(method, request: payload)
            #expect(reply == payload)
        }
        await connection.close()
        await server.stop()
    }

    @Test("a server stream delivers every message in order, then OK")
    func serverStreaming() async throws {
        let server = try await TestServer.start(basicRouter())
        let connection = try await server.connect()
        var expected = 0
        for try await message in connection.serverStreaming(path: numbers.fullPath, request: be32(5000), options: CallOptions()) {
            #expect(message == be32(expected))
            expected += 1
        }
        #expect(expected == 5000)
        await connection.close()
        await server.stop()
    }

    @Test("an unknown method is UNIMPLEMENTED")
    func unknownMethod() async throws {
        let server = try await TestServer.start(basicRouter())
        let connection = try await server.connect()
        await #expect(throws: RPCError.self) {
            _ = try await connection.unary(path: "/test.Echo/Nope", request: [], options: CallOptions())
        }
        do {
            _ = try await connection.unary(path: "/test.Echo/Nope", request: [], options: CallOptions())
        } catch {
            #expect(error.code == .unimplemented)
            #expect(error.message.contains("/test.Echo/Nope"))
        }
        #expect(server.server.counters.unimplemented.load(ordering: .relaxed) == 2)
        await connection.close()
        await server.stop()
    }

    @Test("a request over the size limit is RESOURCE_EXHAUSTED and the connection keeps working")
    func largeMessage() async throws {
        let server = try await TestServer.start(basicRouter()) { $0.maxReceiveMessageSize = 64 * 1024 }
        let connection = try await server.connect()
        do {
            _ = try await connection.unary(path: echo.fullPath, request: [UInt8](repeating: 1, count: 64 * 1024 + 1),
                                           options: CallOptions())
            Issue.record("expected RESOURCE_EXHAUSTED")
        } catch {
            #expect(error.code == .resourceExhausted)
        }
        let ok = try await connection.unary(path: echo.fullPath, request: [UInt8](repeating: 2, count: 64 * 1024),
                                            options: CallOptions())
        #expect(ok.count == 64 * 1024)
        #expect(server.server.counters.resourceExhausted.load(ordering: .relaxed) == 1)
        await connection.close()
        await server.stop()
    }

    @Test("a deadline that passes gives DEADLINE_EXCEEDED and the handler sees cancellation")
    func deadline() async throws {
        let cancelled = Signal()
        var router = RPCRouter()
        router.register(echo, handler: .unary { _, context in
            // Either the server's own grpc-timeout timer or the client's RST_STREAM(CANCEL) at its
            // deadline may arrive first; both must cancel the handler.
            let seen = Signal()
            context.onCancel { _ in seen.fire() }
            await seen.wait()
            if let code = context.cancellationError?.code, code == .deadlineExceeded || code == .cancelled {
                cancelled.fire()
            }
            throw context.cancellationError ?? RPCError(code: .internal)
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        do {
            // 1 s, not less: on a loaded machine (parallel suites on 2 cores) the request can reach the
            // server after a shorter deadline, and a stream reset before its request arrives never
            // starts the handler, so the handler-side expectation below would wait in vain.
            _ = try await connection.unary(path: echo.fullPath, request: [1], options: .timeout(.seconds(1)))
            Issue.record("expected DEADLINE_EXCEEDED")
        } catch {
            #expect(error.code == .deadlineExceeded)
        }
        try await withTimeout { await cancelled.wait() }
        await connection.close()
        await server.stop()
    }

    @Test("cancelling a stream on the client cancels the handler")
    func clientCancellation() async throws {
        let handlerCancelled = Signal()
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, context, writer in
            context.onCancel { _ in handlerCancelled.fire() }
            try await writer.write([1])
            await handlerCancelled.wait()
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        let first = try await stream.next()
        #expect(first == [1])
        stream.cancel()
        try await withTimeout { await handlerCancelled.wait() }
        #expect(await eventually { server.server.counters.clientCancellations.load(ordering: .relaxed) == 1 })
        // The connection still serves other calls.
        let reply = try await connection.unary(path: "/test.Echo/Count", request: be32(0), options: CallOptions())
        _ = reply
        await connection.close()
        await server.stop()
    }

    @Test("a slow reader stalls the streaming handler instead of growing server memory")
    func backpressure() async throws {
        let written = Atomic<Int>(0)
        let total = 3000
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, _, writer in
            let chunk = [UInt8](repeating: 7, count: 1024)
            for _ in 0..<total {
                try await writer.write(chunk)
                written.add(1, ordering: .relaxed)
            }
        })
        let server = try await TestServer.start(router) { $0.streamBufferLimit = 32 * 1024 }
        let connection = try await server.connect(initialWindowSize: 64 * 1024)
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        _ = try await stream.next()
        // Wait until the handler stops making progress (it is suspended in `write`).
        var last = -1
        var stable = 0
        while stable < 20 {
            try await Task.sleep(for: .milliseconds(10))
            let now = written.load(ordering: .relaxed)
            if now == last { stable += 1 } else { stable = 0; last = now }
        }
        // Window (64 KiB stream, 64 KiB connection) + 32 KiB buffer + one frame in flight: far below 3000.
        #expect(last < 300, "handler wrote \(last) messages with a stalled reader")
        var received = 1
        for try await _ in stream { received += 1 }
        #expect(received == total)
        await connection.close()
        await server.stop()
    }

    @Test("many concurrent calls share one connection")
    func multiplexing() async throws {
        let server = try await TestServer.start(basicRouter())
        let connection = try await server.connect()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let payload = be32(i)
                    let path = i % 2 == 0 ? echo.fullPath : asyncEcho.fullPath
                    let reply = try await connection.unary(path: path, request: payload, options: CallOptions())
                    #expect(reply == payload)
                }
            }
            try await group.waitForAll()
        }
        #expect(server.server.counters.net.accepted.load(ordering: .relaxed) == 1)
        #expect(server.server.counters.rpcsSucceeded.load(ordering: .relaxed) == 200)
        await connection.close()
        await server.stop()
    }

    @Test("graceful shutdown lets an in-flight stream finish, runs drain hooks, then refuses connections")
    func gracefulShutdown() async throws {
        let gate = Signal()
        let started = Signal()
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, _, writer in
            try await writer.write([0])
            started.fire()
            await gate.wait()
            for i in 1...100 { try await writer.write([UInt8(i)]) }
        })
        let server = try await TestServer.start(router)
        let drained = Signal()
        server.server.onDrain { drained.fire() }
        let connection = try await server.connect()
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        _ = try await stream.next()
        await started.wait()
        let port = server.port
        let shutdown = Task { await server.server.shutdown(gracePeriod: .seconds(30)) }
        try await withTimeout { await drained.wait() }
        #expect(server.server.isDraining)
        gate.fire()
        var count = 1
        for try await _ in stream { count += 1 }
        #expect(count == 101)
        try await withTimeout { await shutdown.value }
        let fd = rawConnect(port)
        #expect(fd < 0)
        if fd >= 0 { close(fd) }
        await connection.close()
    }

    @Test("shutdown cancels calls that outlive the grace period")
    func shutdownGraceExpires() async throws {
        let cancelled = Signal()
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, context, writer in
            context.onCancel { _ in cancelled.fire() }
            try await writer.write([0])
            await cancelled.wait()
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        _ = try await stream.next()
        try await withTimeout { await server.server.shutdown(gracePeriod: .milliseconds(300)) }
        try await withTimeout { await cancelled.wait() }
        do {
            for try await _ in stream {}
            Issue.record("stream should fail")
        } catch {
            #expect(error.code == .unavailable || error.code == .cancelled || error.code == .internal)
        }
        await connection.close()
    }

    @Test("an interceptor rejects a call before the handler runs")
    func interceptorRejects() async throws {
        struct RequireToken: ServerInterceptor {
            func intercept(_ context: ServerContext) throws(RPCError) {
                guard context.metadata["authorization"] == "Bearer good" else {
                    throw RPCError(code: .unauthenticated, message: "missing or bad token")
                }
                context.setValue("alice", forKey: "principal")
            }
        }
        var router = RPCRouter()
        router.addInterceptor(RequireToken())
        router.register(echo, handler: .inlineUnary { _, context in
            Array(((context.value(forKey: "principal") as? String) ?? "").utf8)
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        do {
            _ = try await connection.unary(path: echo.fullPath, request: [], options: CallOptions())
            Issue.record("expected UNAUTHENTICATED")
        } catch {
            #expect(error.code == .unauthenticated)
            #expect(error.message == "missing or bad token")
        }
        let reply = try await connection.unary(path: echo.fullPath, request: [],
                                               options: CallOptions(metadata: Metadata([("authorization", "Bearer good")])))
        #expect(String(decoding: reply, as: UTF8.self) == "alice")
        await connection.close()
        await server.stop()
    }

    @Test("status messages survive percent-encoding end to end")
    func statusMessageRoundTrip() async throws {
        var router = RPCRouter()
        router.register(echo, handler: .inlineUnary { _, _ throws(RPCError) in
            throw RPCError(code: .failedPrecondition, message: "risk: 100% of limit — déjà vu\n")
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        do {
            _ = try await connection.unary(path: echo.fullPath, request: [], options: CallOptions())
        } catch {
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "risk: 100% of limit — déjà vu\n")
        }
        await connection.close()
        await server.stop()
    }
}
