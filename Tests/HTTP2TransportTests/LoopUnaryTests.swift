import Glibc
import HTTP2Transport
import NetIO
import RPCCore
import Synchronization
import Testing

private let loopEcho = MethodDescriptor(service: "test.Loop", method: "Echo", kind: .unary)
private let loopGated = MethodDescriptor(service: "test.Loop", method: "Gated", kind: .unary)
private let loopWait = MethodDescriptor(service: "test.Loop", method: "WaitForCancel", kind: .unary)
private let loopFail = MethodDescriptor(service: "test.Loop", method: "Fail", kind: .unary)

/// Continuations released all at once by a plain thread, the way the storage writer's commit
/// callback resumes every order of a batch.
private final class Batch: Sendable {
    private struct State {
        var waiting: [CheckedContinuation<Void, Never>] = []
        var released = false
    }
    private let state = Mutex(State())

    func wait() async {
        await withCheckedContinuation { c in
            let now = state.withLock { s -> Bool in
                if s.released { return true }
                s.waiting.append(c)
                return false
            }
            if now { c.resume() }
        }
    }

    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Resumes every waiter from a new pthread (not a Swift executor).
    func releaseFromThread() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { arg in
            let me = Unmanaged<Batch>.fromOpaque(arg!).takeRetainedValue()
            let all = me.state.withLock { s -> [CheckedContinuation<Void, Never>] in
                s.released = true
                defer { s.waiting = [] }
                return s.waiting
            }
            for c in all { c.resume() }
            return nil
        }, box)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(tid)
    }
}

@Suite("Loop unary handlers (.loopUnary) over TLS")
struct LoopUnaryTests {
    @Test("a loop handler echoes; it starts and resumes on one thread per connection, not on the pool")
    func echoOnLoopThread() async throws {
        let threads = Mutex<Set<UInt>>([])
        let batch = Batch()
        var router = RPCRouter()
        router.register(loopGated, handler: .loopUnary { request, _ in
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            await batch.wait()
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            return request
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        let calls = 40
        let replies = (0..<calls).map { i in
            Task { try await connection.unary(path: loopGated.fullPath, request: be32(i), options: CallOptions()) }
        }
        #expect(await eventually { batch.waitingCount == calls })
        batch.releaseFromThread()
        for (i, reply) in replies.enumerated() {
            #expect(try await withTimeout { try await reply.value } == be32(i))
        }
        // Every start and every resume ran on this connection's event-loop thread.
        #expect(threads.withLock { $0.count } == 1)
        await connection.close()
        await server.stop()
    }

    @Test("sizes from empty to 300 KB round-trip through a loop handler")
    func sizes() async throws {
        var router = RPCRouter()
        router.register(loopEcho, handler: .loopUnary { request, _ in
            await Task.yield()
            return request
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        for size in [0, 1, 5000, 300_000] {
            let payload = (0..<size).map { UInt8($0 & 0xFF) }
            let reply = try await connection.unary(path: loopEcho.fullPath, request: payload, options: CallOptions())
            #expect(reply == payload)
        }
        #expect(server.server.counters.rpcsSucceeded.load(ordering: .relaxed) == 4)
        await connection.close()
        await server.stop()
    }

    @Test("errors: an RPCError keeps its code and message; any other error is UNKNOWN")
    func errors() async throws {
        var router = RPCRouter()
        struct Other: Error {}
        router.register(loopFail, handler: .loopUnary { request, _ in
            await Task.yield()
            if request == [1] {
                var metadata = Metadata()
                metadata.add("tradebot-reason", "TEST")
                throw RPCError(code: .failedPrecondition, message: "no: 100%", metadata: metadata)
            }
            throw Other()
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        do {
            _ = try await connection.unary(path: loopFail.fullPath, request: [1], options: CallOptions())
            Issue.record("expected FAILED_PRECONDITION")
        } catch {
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "no: 100%")
            // Application trailers reach the client's error; the transport's own fields do not.
            #expect(error.metadata["tradebot-reason"] == "TEST")
            #expect(error.metadata["grpc-message"] == nil && error.metadata["content-type"] == nil)
        }
        do {
            _ = try await connection.unary(path: loopFail.fullPath, request: [2], options: CallOptions())
            Issue.record("expected UNKNOWN")
        } catch {
            #expect(error.code == .unknown)
            #expect(error.metadata.isEmpty)
        }
        await connection.close()
        await server.stop()
    }

    @Test("a deadline that passes gives DEADLINE_EXCEEDED, cancels the handler, and its late result is dropped")
    func deadline() async throws {
        let cancelled = Signal()
        let finished = Signal()
        var router = RPCRouter()
        router.register(loopWait, handler: .loopUnary { _, context in
            let seen = Signal()
            context.onCancel { _ in seen.fire() }
            await seen.wait()
            if let code = context.cancellationError?.code, code == .deadlineExceeded || code == .cancelled,
               Task.isCancelled || context.isCancelled {
                cancelled.fire()
            }
            defer { finished.fire() }
            return [9]
        })
        router.register(loopEcho, handler: .loopUnary { request, _ in request })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        do {
            _ = try await connection.unary(path: loopWait.fullPath, request: [1], options: .timeout(.seconds(1)))
            Issue.record("expected DEADLINE_EXCEEDED")
        } catch {
            #expect(error.code == .deadlineExceeded)
        }
        try await withTimeout { await cancelled.wait() }
        try await withTimeout { await finished.wait() }
        // The connection still serves calls after the late completion.
        let reply = try await connection.unary(path: loopEcho.fullPath, request: [7], options: CallOptions())
        #expect(reply == [7])
        await connection.close()
        await server.stop()
    }

    @Test("a stream the client resets before the handler finishes cancels it; the connection keeps working")
    func streamClosedFirst() async throws {
        let started = Signal()
        let cancelled = Signal()
        let batch = Batch()
        var router = RPCRouter()
        router.register(loopGated, handler: .loopUnary { _, context in
            context.onCancel { _ in cancelled.fire() }
            started.fire()
            await batch.wait()
            return [1]
        })
        router.register(loopEcho, handler: .loopUnary { request, _ in request })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        let call = Task { try await connection.unary(path: loopGated.fullPath, request: [], options: CallOptions()) }
        try await withTimeout { await started.wait() }
        call.cancel()
        try await withTimeout { await cancelled.wait() }
        #expect(await eventually { server.server.counters.clientCancellations.load(ordering: .relaxed) == 1 })
        // The handler finishes after its stream is gone: the result has nowhere to go.
        batch.releaseFromThread()
        let reply = try await connection.unary(path: loopEcho.fullPath, request: [3], options: CallOptions())
        #expect(reply == [3])
        await connection.close()
        await server.stop()
    }

    @Test("shutdown with handlers suspended past the grace period: calls fail, shutdown ends, the tasks still finish")
    func shutdownWhileSuspended() async throws {
        let batch = Batch()
        let cancelled = Mutex(0)
        let finished = Mutex(0)
        var router = RPCRouter()
        router.register(loopGated, handler: .loopUnary { _, context in
            context.onCancel { _ in cancelled.withLock { $0 += 1 } }
            // Like an engine commit: not cancellable, it resumes when the batch is released.
            await batch.wait()
            finished.withLock { $0 += 1 }
            return [1]
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        let calls = (0..<5).map { _ in
            Task { try await connection.unary(path: loopGated.fullPath, request: [], options: CallOptions()) }
        }
        #expect(await eventually { batch.waitingCount == 5 })
        try await withTimeout { await server.server.shutdown(gracePeriod: .milliseconds(300)) }
        for call in calls {
            do {
                _ = try await withTimeout { try await call.value }
                Issue.record("a call outliving shutdown should fail")
            } catch let error as RPCError {
                #expect(error.code == .unavailable || error.code == .cancelled || error.code == .internal)
            }
        }
        #expect(await eventually { cancelled.withLock { $0 } == 5 })
        // The loops are gone; the handlers' resumes run on the pool and the tasks end.
        batch.releaseFromThread()
        #expect(await eventually { finished.withLock { $0 } == 5 })
        await connection.close()
    }

    @Test("many calls completed by one release are all answered (one pump per loop turn)")
    func batchCompletion() async throws {
        let batch = Batch()
        var router = RPCRouter()
        router.register(loopGated, handler: .loopUnary { request, _ in
            await batch.wait()
            return request
        })
        let server = try await TestServer.start(router) { $0.eventLoopCount = 1 }
        let connections = [try await server.connect(), try await server.connect()]
        let perConnection = 100
        var calls: [(payload: [UInt8], reply: Task<[UInt8], any Error>)] = []
        for (c, connection) in connections.enumerated() {
            for i in 0..<perConnection {
                let payload = be32(c * 1000 + i)
                calls.append((payload, Task { try await connection.unary(path: loopGated.fullPath, request: payload, options: CallOptions()) }))
            }
        }
        #expect(await eventually { batch.waitingCount == 2 * perConnection })
        batch.releaseFromThread()
        for call in calls {
            #expect(try await withTimeout { try await call.reply.value } == call.payload)
        }
        #expect(server.server.counters.rpcsSucceeded.load(ordering: .relaxed) == 2 * perConnection)
        for connection in connections { await connection.close() }
        await server.stop()
    }
}
