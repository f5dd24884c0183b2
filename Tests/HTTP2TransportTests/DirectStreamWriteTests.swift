import HTTP2Transport
import NetIO
import RPCCore
import Synchronization
import Testing

/// `tryWrite(contentsOf:)`: the publisher-thread path of the fan-out. It queues only when the
/// whole batch fits the stream buffer, never waits, and keeps order with the task path.
@Suite("Direct stream writes")
struct DirectStreamWriteTests {
    @Test("tryWrite queues whole batches while they fit, declines without queueing part of one, and keeps order with write")
    func boundedAndOrdered() async throws {
        let accepted = Atomic<Int>(0)
        let total = 600
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, _, writer in
            // 1 KiB messages carrying their index; batches of 3 so a decline must drop the whole batch.
            func message(_ i: Int) -> [UInt8] { be32(i) + [UInt8](repeating: 7, count: 1020) }
            var i = 0
            while i + 3 <= total, writer.sink.tryWrite(contentsOf: [message(i), message(i + 1), message(i + 2)]) {
                i += 3
            }
            accepted.store(i, ordering: .relaxed)
            while i < total {
                try await writer.write(contentsOf: [message(i)])
                i += 1
            }
        })
        let server = try await TestServer.start(router) { $0.streamBufferLimit = 32 * 1024 }
        let connection = try await server.connect(initialWindowSize: 64 * 1024)
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        var received: [Int] = []
        for try await m in stream {
            received.append(Int(m[0]) << 24 | Int(m[1]) << 16 | Int(m[2]) << 8 | Int(m[3]))
            if received.count == 1 { try await Task.sleep(for: .milliseconds(50)) }
        }
        // The reader stalled after the first message: at most the windows (64 KiB) plus the
        // 32 KiB buffer went out without waiting, and never a partial batch.
        let direct = accepted.load(ordering: .relaxed)
        #expect(direct > 0 && direct < 120, "\(direct) messages queued without waiting")
        #expect(direct % 3 == 0)
        #expect(received == Array(0..<total))
        await connection.close()
        await server.stop()
    }

    @Test("tryWrite declines once the client cancelled the stream")
    func declinesAfterCancel() async throws {
        let declined = Atomic<Bool>(false)
        var router = RPCRouter()
        router.register(numbers, handler: .serverStreaming { _, context, writer in
            try await writer.write(be32(0))
            while !context.isCancelled { try? await Task.sleep(for: .milliseconds(2)) }
            try? await Task.sleep(for: .milliseconds(20))
            declined.store(!writer.sink.tryWrite(contentsOf: [be32(1)]), ordering: .relaxed)
        })
        let server = try await TestServer.start(router)
        let connection = try await server.connect()
        let stream = connection.serverStreaming(path: numbers.fullPath, request: [], options: CallOptions())
        _ = try await stream.next()
        stream.cancel()
        #expect(await eventually { declined.load(ordering: .relaxed) })
        await connection.close()
        await server.stop()
    }
}
