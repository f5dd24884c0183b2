import Foundation
import RPCCore
import Testing
import TradingModel
import TradingProtocol
@testable import TradingServices

/// The slow-subscriber rule through the real transport, with the publisher queueing messages on
/// the streams directly: a fills subscriber that stops reading is ended with RESOURCE_EXHAUSTED
/// after every fill it was sent, in order; resuming from the sequence in the message gets the
/// rest with no gap and no duplicate; a subscriber that keeps reading gets every fill.
@Suite("Slow stream subscribers", .serialized)
struct TradingSlowSubscriberTests {
    typealias T = TradingTestServer

    @Test("A stalled fills subscriber ends with RESOURCE_EXHAUSTED and resumes from its hint; a reading one gets everything")
    func stalledSubscriber() async throws {
        // Small client window and hub buffer: the stalled stream fills its window, then the
        // server's 64 KiB stream buffer (~600 fills of ~100 bytes), then 32 events in the hub.
        let s = try await T.start(settings: try T.settings(buffer: 32), initialWindowSize: 4096)
        defer { Task { await s.stop() } }
        let stalled = s.orders.subscribeFills(TradebotV1.SubscribeFillsRequest())
        let reading = s.orders.subscribeFills(TradebotV1.SubscribeFillsRequest())
        let reader = Task { try await collect(2000, from: reading).map(\.sequence) }
        // Both streams are registered with the hub before the first fill.
        for _ in 0..<500 where s.component.host.hub.subscriberCount < 2 { try await Task.sleep(for: .milliseconds(2)) }
        #expect(s.component.host.hub.subscriberCount == 2)
        try await s.bar("1.07219")
        var n = 0
        for round in 0..<50 {
            for i in 0..<40 {
                let side: TradebotV1.Side = (round * 40 + i) % 2 == 0 ? .buy : .sell
                _ = try await s.orders.submitOrder(T.submit(side, "1000", clientOrderID: "slow-\(n)"))
                n += 1
            }
            try await s.bar(round % 2 == 0 ? "1.07220" : "1.07219")
        }
        let all = try await reader.value
        reading.cancel()
        #expect(all.count == 2000)
        #expect(all == all.sorted() && Set(all).count == 2000)
        // The reading subscriber was never cut off although the stalled one was.
        // Now read the stalled stream: its fills in order, then RESOURCE_EXHAUSTED with a hint.
        let drained = try await Self.drain(stalled)
        let got = drained.sequences
        let end = try #require(drained.ending)
        #expect(end.code == .resourceExhausted)
        #expect(!got.isEmpty && got.count < 2000)
        #expect(got == Array(all.prefix(got.count)))
        let hint = try #require(end.message.split(separator: "=").last.flatMap { UInt64($0.trimmingCharacters(in: .whitespaces)) })
        #expect(hint == got.last! + 1)
        var resume = TradebotV1.SubscribeFillsRequest()
        resume.fromSequence = hint
        let resumed = s.orders.subscribeFills(resume)
        let rest = try await collect(2000 - got.count, from: resumed)
        resumed.cancel()
        #expect(got + rest.map(\.sequence) == all)
    }

    /// Reads a stream to its end: the sequences, and the error it ended with (nil: it ended OK).
    /// Fails instead of hanging when the stream does not end within `seconds`.
    static func drain(_ stream: TypedResponseStream<TradebotV1.FillEvent>, seconds: Double = 20) async throws
        -> (sequences: [UInt64], ending: RPCError?) {
        let count = Locked(0)
        return try await withThrowingTaskGroup(of: ([UInt64], RPCError?)?.self) { group in
            group.addTask {
                var seen: [UInt64] = []
                do {
                    while let batch = try await stream.nextBatch() {
                        seen.append(contentsOf: batch.map(\.sequence))
                        count.withLock { $0 = seen.count }
                    }
                } catch {
                    return (seen, RPCError.from(error))
                }
                return (seen, nil)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            stream.cancel()
            guard let first else { throw TestFailure("the stream did not end within \(seconds) s (\(count.withLock { $0 }) messages read)") }
            return first
        }
    }
}
