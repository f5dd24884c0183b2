import HTTP2Transport
import NetIO
import RPCCore
import Synchronization
import Testing

/// Fan-out path: handlers hand over many messages at once (`write(contentsOf:)`), many streams of
/// one connection resume together on the loop, and the client credits the window per batch.
@Suite("Batched server streaming")
struct BatchedStreamingTests {
    static let batches = MethodDescriptor(service: "test.Echo", method: "Batches", kind: .serverStreaming)

    /// Request = u32 BE count; the handler sends 0..<count as 4-byte messages in batches of 1, 7, 64, 1, 7, 64...
    static func router() -> RPCRouter {
        var router = RPCRouter()
        router.register(batches, handler: .serverStreaming { request, _, writer in
            let n = Int(request[0]) << 24 | Int(request[1]) << 16 | Int(request[2]) << 8 | Int(request[3])
            let sizes = [1, 7, 64]
            var i = 0, k = 0
            while i < n {
                let end = min(n, i + sizes[k % sizes.count])
                try await writer.write(contentsOf: (i..<end).map(be32))
                i = end
                k += 1
            }
        })
        return router
    }

    @Test("many streams on one connection each get every batched message once, in order, then OK")
    func manyStreamsInOrder() async throws {
        let server = try await TestServer.start(Self.router())
        let connection = try await server.connect()
        let streams = 50, count = 3000
        let path = Self.batches.fullPath
        let complete = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<streams {
                group.addTask {
                    var expected = 0
                    for try await message in connection.serverStreaming(path: path, request: be32(count), options: CallOptions()) {
                        if message != be32(expected) { return false }
                        expected += 1
                    }
                    return expected == count
                }
            }
            var complete = 0
            for try await ok in group where ok { complete += 1 }
            return complete
        }
        #expect(complete == streams)
        await connection.close()
        await server.stop()
    }

    @Test("a batch larger than the stream buffer waits for the reader instead of growing server memory")
    func batchBackpressure() async throws {
        let written = Atomic<Int>(0)
        let total = 3000
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, _, writer in
            let chunk = [UInt8](repeating: 7, count: 1024)
            for _ in 0..<(total / 100) {
                try await writer.write(contentsOf: Array(repeating: chunk, count: 100))
                written.add(100, ordering: .relaxed)
            }
        })
        let server = try await TestServer.start(router) { $0.streamBufferLimit = 32 * 1024 }
        let connection = try await server.connect(initialWindowSize: 64 * 1024)
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        _ = try await stream.next()
        var last = -1
        var stable = 0
        while stable < 20 {
            try await Task.sleep(for: .milliseconds(10))
            let now = written.load(ordering: .relaxed)
            if now == last { stable += 1 } else { stable = 0; last = now }
        }
        // Window (64 KiB stream and connection) + 32 KiB buffer + one batch: far below 3000.
        #expect(last < 400, "handler wrote \(last) messages with a stalled reader")
        var received = 1
        for try await _ in stream { received += 1 }
        #expect(received == total)
        await connection.close()
        await server.stop()
    }

    @Test("a write after the client cancelled fails with CANCELLED")
    func writeAfterCancel() async throws {
        let failure = Mutex<RPCError?>(nil)
        let started = Atomic<Bool>(false)
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, _, writer in
            started.store(true, ordering: .relaxed)
            do throws(RPCError) {
                while true {
                    try await writer.write(contentsOf: [be32(1), be32(2)])
                    try? await Task.sleep(for: .milliseconds(1))
                }
            } catch {
                failure.withLock { $0 = error }
                throw error
            }
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        _ = try await stream.next()
        stream.cancel()
        #expect(await eventually { failure.withLock { $0 } != nil })
        #expect(failure.withLock { $0?.code } == .cancelled)
        await connection.close()
        await server.stop()
    }
}
