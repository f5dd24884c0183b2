import RPCCore
import Synchronization
import Testing

/// The client's stream buffer: batched delivery and reads, and window credit per batch.
@Suite("Client response stream")
struct ClientResponseStreamTests {
    final class Credit: Sendable {
        let reports = Mutex<[Int]>([])
    }

    @Test("Batches are read whole and in order; credit is reported once per drained batch, framing included")
    func batchRead() async throws {
        let credit = Credit()
        let stream = ClientResponseStream(capacity: .max, onConsumed: { n in credit.reports.withLock { $0.append(n) } })
        stream.deliver(contentsOf: [[1], [2, 2]])
        stream.deliver([3, 3, 3])
        #expect(try await stream.nextBatch() == [[1], [2, 2], [3, 3, 3]])
        let first: [Int] = credit.reports.withLock { $0 }
        #expect(first == [21])  // 1 + 2 + 3 bytes plus 5 bytes of framing each
        stream.deliver(contentsOf: [[4], [5]])
        stream.finish(RPCError(code: .unavailable, message: "gone"))
        #expect(try await stream.next() == [4])
        // One message read singly, the rest as a batch: the credit covers both.
        #expect(try await stream.nextBatch() == [[5]])
        let total: Int = credit.reports.withLock { $0.reduce(0, +) }
        #expect(total == 33)  // 21 + (1 + 5) + (1 + 5)
        do {
            _ = try await stream.nextBatch()
            Issue.record("expected UNAVAILABLE after the buffered messages")
        } catch {
            #expect(error.code == .unavailable)
        }
    }

    @Test("A reader waiting for a batch wakes for a delivery from another thread; OK ends with nil")
    func waitingReader() async throws {
        let stream = ClientResponseStream()
        let reader = Task { () async throws(RPCError) -> [[UInt8]] in
            var all: [[UInt8]] = []
            while let batch = try await stream.nextBatch() { all.append(contentsOf: batch) }
            return all
        }
        try? await Task.sleep(for: .milliseconds(20))
        stream.deliver(contentsOf: [[1], [2]])
        try? await Task.sleep(for: .milliseconds(20))
        stream.deliver(contentsOf: [[3]])
        stream.finish(nil)
        #expect(try await reader.value == [[1], [2], [3]])
    }

    @Test("Single reads report credit when the buffer runs empty, not per message")
    func singleReadsCoalesceCredit() async throws {
        let credit = Credit()
        let stream = ClientResponseStream(capacity: .max, onConsumed: { n in credit.reports.withLock { $0.append(n) } })
        stream.deliver(contentsOf: [[1], [2], [3]])
        for _ in 0..<3 { _ = try await stream.next() }
        let reports: [Int] = credit.reports.withLock { $0 }
        #expect(reports == [18])  // 3 one-byte messages plus 5 bytes of framing each
    }
}
