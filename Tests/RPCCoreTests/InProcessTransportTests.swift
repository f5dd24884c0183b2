import RPCCore
import Synchronization
import Testing
import WireFormat

struct Bytes: WireMessage, Equatable {
    var value: [UInt8]
    init(_ value: [UInt8]) { self.value = value }
    init(wireBytes raw: UnsafeRawBufferPointer) throws(WireDecodingError) { value = Array(raw) }
    func encode(to encoder: inout WireEncoder) { encoder.bytes.append(contentsOf: value) }
}

private let say = MethodDescriptor(service: "t.Svc", method: "Say", kind: .unary)
private let slow = MethodDescriptor(service: "t.Svc", method: "Slow", kind: .unary)
private let count = MethodDescriptor(service: "t.Svc", method: "Count", kind: .serverStreaming)

struct DenyAll: ServerInterceptor {
    func intercept(_ context: ServerContext) throws(RPCError) {
        if context.metadata["authorization"] == nil { throw RPCError(code: .unauthenticated, message: "no token") }
    }
}

@Suite("In-process transport and router")
struct InProcessTransportTests {
    func router() -> RPCRouter {
        var r = RPCRouter()
        r.registerInlineUnary(say, request: Bytes.self, response: Bytes.self) { req, _ throws(RPCError) in Bytes(req.value.reversed()) }
        r.registerUnary(slow, request: Bytes.self, response: Bytes.self) { _, context in
            try await Task.sleep(for: .seconds(60))
            return Bytes([])
        }
        r.registerServerStreaming(count, request: Bytes.self, response: Bytes.self) { req, _, writer in
            for i in 0..<Int(req.value.first ?? 0) {
                try await writer.write(Bytes([UInt8(i)]))
            }
        }
        return r
    }

    @Test("descriptors produce the case-sensitive gRPC path")
    func paths() {
        #expect(say.fullPath == "/t.Svc/Say")
        #expect(MethodDescriptor(service: "grpc.health.v1.Health", method: "Check", kind: .unary).fullPath
                == "/grpc.health.v1.Health/Check")
    }

    @Test("typed unary calls run the handler")
    func unary() async throws {
        let client = RPCClient(transport: InProcessTransport(router: router()))
        let reply: Bytes = try await client.unary(say, request: Bytes([1, 2, 3]))
        #expect(reply == Bytes([3, 2, 1]))
    }

    @Test("an unknown path is UNIMPLEMENTED")
    func unknown() async {
        let transport = InProcessTransport(router: router())
        await #expect(throws: RPCError(code: .unimplemented, message: "unknown method /t.Svc/Nope")) {
            _ = try await transport.unary(path: "/t.Svc/Nope", request: [], options: CallOptions())
        }
    }

    @Test("interceptors see metadata and reject before the handler")
    func interceptor() async throws {
        var r = router()
        r.addInterceptor(DenyAll())
        let client = RPCClient(transport: InProcessTransport(router: r))
        await #expect(throws: RPCError(code: .unauthenticated, message: "no token")) {
            let _: Bytes = try await client.unary(say, request: Bytes([1]))
        }
        let ok: Bytes = try await client.unary(say, request: Bytes([1]),
                                               options: CallOptions(metadata: Metadata([("authorization", "x")])))
        #expect(ok == Bytes([1]))
    }

    @Test("a deadline interrupts a slow handler with DEADLINE_EXCEEDED")
    func deadline() async {
        let client = RPCClient(transport: InProcessTransport(router: router()))
        do {
            let _: Bytes = try await client.unary(slow, request: Bytes([]), options: CallOptions.timeout(.milliseconds(50)))
            Issue.record("expected a deadline")
        } catch {
            #expect(error.code == .deadlineExceeded)
        }
    }

    @Test("server streams arrive in order and end with OK")
    func streaming() async throws {
        let client = RPCClient(transport: InProcessTransport(router: router()))
        var got: [UInt8] = []
        for try await m in client.serverStreaming(count, request: Bytes([10]), responseType: Bytes.self) {
            got.append(contentsOf: m.value)
        }
        #expect(got == Array(0..<10))
    }

    @Test("a streaming handler is held back while the consumer does not read")
    func streamBackpressure() async throws {
        let written = Atomic<Int>(0)
        var r = RPCRouter()
        r.register(count, handler: .serverStreaming { _, _, writer in
            for _ in 0..<1000 {
                try await writer.write([1])
                written.add(1, ordering: .relaxed)
            }
        })
        let stream = InProcessTransport(router: r, streamCapacity: 4).serverStreaming(path: count.fullPath, request: [],
                                                                                      options: CallOptions())
        _ = try await stream.next()
        for _ in 0..<50 { await Task.yield() }
        let soFar = written.load(ordering: .relaxed)
        #expect(soFar <= 6)
        var n = 1
        for try await _ in stream { n += 1 }
        #expect(n == 1000)
    }

    @Test("cancelling a stream cancels the handler's context")
    func cancel() async throws {
        let seen = Atomic<Bool>(false)
        var r = RPCRouter()
        r.register(count, handler: .serverStreaming { _, context, writer in
            context.onCancel { _ in seen.store(true, ordering: .relaxed) }
            while true { try await writer.write([0]) }
        })
        let stream = InProcessTransport(router: r).serverStreaming(path: count.fullPath, request: [], options: CallOptions())
        _ = try await stream.next()
        stream.cancel()
        let handlerSaw = seen.load(ordering: .relaxed)
        #expect(handlerSaw)
        await #expect(throws: RPCError.self) { _ = try await stream.next() }
    }
}

@Suite("Server context")
struct ServerContextTests {
    @Test("cancellation is reported once, to handlers registered before and after")
    func cancellation() {
        let ctx = ServerContext(method: say, metadata: Metadata(), deadline: nil, peer: "test")
        let calls = Atomic<Int>(0)
        ctx.onCancel { _ in calls.add(1, ordering: .relaxed) }
        #expect(!ctx.isCancelled)
        ctx.cancel(RPCError(code: .cancelled))
        ctx.cancel(RPCError(code: .deadlineExceeded))
        ctx.onCancel { e in if e.code == .cancelled { calls.add(1, ordering: .relaxed) } }
        let n = calls.load(ordering: .relaxed)
        #expect(n == 2)
        #expect(ctx.cancellationError?.code == .cancelled)
    }
}

@Suite("In-process streaming deadlines")
struct InProcessDeadlineTests {
    @Test("a stream that outlives its deadline ends with DEADLINE_EXCEEDED and cancels the handler")
    func streamDeadline() async throws {
        var r = RPCRouter()
        r.register(count, handler: .serverStreaming { _, context, writer in
            try await writer.write([1])
            while !context.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
        })
        let stream = InProcessTransport(router: r).serverStreaming(path: count.fullPath, request: [],
                                                                   options: CallOptions.timeout(.milliseconds(50)))
        _ = try await stream.next()
        do {
            while try await stream.next() != nil {}
            Issue.record("expected DEADLINE_EXCEEDED")
        } catch {
            #expect(error.code == .deadlineExceeded)
        }
    }
}
