import Glibc
import NetIO
import Synchronization
import Testing

/// What the closures saw, shared across threads.
private final class Record: Sendable {
    let steps = Mutex<[String]>([])
    let thread = Atomic<UInt>(0)
    let runs = Atomic<Int>(0)

    func add(_ step: String) { steps.withLock { $0.append(step) } }
    var all: [String] { steps.withLock { $0 } }
}

/// `EventLoop.deferToEndOfTurn`: doorbells rung once per loop turn, after the turn's work.
@Suite("Event loop end-of-turn work")
struct EventLoopEndOfTurnTests {
    @Test("Off a loop thread nothing is deferred")
    func offLoopReturnsFalse() {
        let record = Record()
        let deferred = EventLoop.deferToEndOfTurn { record.runs.add(1, ordering: .relaxed) }
        #expect(!deferred)
        #expect(record.runs.load(ordering: .relaxed) == 0)
    }

    @Test("Deferred work runs once, after the work the turn queued, on the loop thread, before the loop sleeps")
    func runsAfterTheTurnsWork() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.loops[0]
        let record = Record()
        let loopThread = await loop.submit { UInt(pthread_self()) }
        let done: Void = await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            loop.execute {
                let deferred = EventLoop.deferToEndOfTurn {
                    record.add("end of turn")
                    record.thread.store(UInt(pthread_self()), ordering: .relaxed)
                    // Work posted by end-of-turn work runs before the loop waits (no wake-up needed).
                    loop.execute {
                        record.add("posted by the hook")
                        c.resume()
                    }
                }
                record.add(deferred ? "deferred" : "not deferred")
                // Work queued later in the same turn still runs first.
                loop.execute { record.add("queued in the turn") }
            }
        }
        _ = done
        #expect(record.all == ["deferred", "queued in the turn", "end of turn", "posted by the hook"])
        let sawThread = record.thread.load(ordering: .relaxed)
        #expect(sawThread == loopThread)
        await group.shutdown()
    }

    @Test("Work deferred in the last turn still runs when the loop stops")
    func runsOnStop() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.loops[0]
        let record = Record()
        loop.execute {
            _ = EventLoop.deferToEndOfTurn { record.runs.add(1, ordering: .relaxed) }
            loop.stop()
        }
        await loop.waitUntilStopped()
        let runs = record.runs.load(ordering: .relaxed)
        #expect(runs == 1)
    }
}
