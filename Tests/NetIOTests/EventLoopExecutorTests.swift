import Glibc
import NetIO
import Synchronization
import Testing

/// A continuation resumed by a plain thread, like the engine's sequencer or the storage writer
/// resuming an RPC: the resume is a job enqueued from outside any executor.
private final class ForeignResume: Sendable {
    private let continuation = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let armed = Atomic<Bool>(false)

    func wait() async {
        await withCheckedContinuation { c in
            continuation.withLock { $0 = c }
            armed.store(true, ordering: .releasing)
        }
    }

    /// Resumes from a new pthread once `wait` has parked.
    func resumeFromThread() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { arg in
            let me = Unmanaged<ForeignResume>.fromOpaque(arg!).takeRetainedValue()
            while !me.armed.load(ordering: .acquiring) { usleep(100) }
            me.continuation.withLock { c in c?.resume(); c = nil }
            return nil
        }, box)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(tid)
    }
}

/// Polls `condition` until true or `seconds` pass: guards against hangs without sleeping blindly.
private func eventually(_ seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
    let end = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return condition()
}

@Suite("Event loop as task executor")
struct EventLoopExecutorTests {
    @Test("a task that prefers the loop starts there and resumes there after a foreign-thread resume")
    func runsAndResumesOnLoop() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.next()
        let loopThread = await loop.submit { UInt(pthread_self()) }
        let seen = Mutex<[UInt]>([])
        for _ in 0..<20 {
            let resume = ForeignResume()
            let task = Task(executorPreference: loop) { @Sendable in
                seen.withLock { $0.append(UInt(pthread_self())) }
                resume.resumeFromThread()
                await resume.wait()
                seen.withLock { $0.append(UInt(pthread_self())) }
                return loop.inEventLoop
            }
            #expect(await task.value)
        }
        #expect(seen.withLock { $0.count } == 40)
        #expect(seen.withLock { Set($0) } == [loopThread])
        await group.shutdown()
    }

    @Test("a job enqueued from the loop thread runs without a wake-up, also from a timer")
    func enqueueFromLoopThread() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.next()
        let fromTask = Atomic<Bool>(false)
        let fromTimer = Atomic<Bool>(false)
        // From a posted closure: the loop drains its queue until empty before sleeping.
        loop.execute {
            Task(executorPreference: loop) { @Sendable in fromTask.store(loop.inEventLoop, ordering: .relaxed) }
        }
        #expect(await eventually { fromTask.load(ordering: .relaxed) })
        // From a timer: nothing else is queued or scheduled, so without a drain after the timers
        // the loop would sleep in epoll_wait forever with the job queued.
        loop.execute {
            loop.schedule(after: .milliseconds(5)) {
                Task(executorPreference: loop) { @Sendable in fromTimer.store(loop.inEventLoop, ordering: .relaxed) }
            }
        }
        #expect(await eventually { fromTimer.load(ordering: .relaxed) })
        await group.shutdown()
    }

    @Test("a task suspended when the loop stops still finishes, on the global pool")
    func finishesAfterLoopStopped() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.next()
        let resume = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let parked = Atomic<Bool>(false)
        let task = Task(executorPreference: loop) { @Sendable in
            await withCheckedContinuation { c in
                resume.withLock { $0 = c }
                parked.store(true, ordering: .releasing)
            }
            await Task.yield()
            return loop.inEventLoop
        }
        #expect(await eventually { parked.load(ordering: .acquiring) })
        await group.shutdown()
        resume.withLock { c in c?.resume(); c = nil }
        let ranOnLoop = await task.value
        #expect(!ranOnLoop)
    }

    @Test("a task started after the loop stopped runs on the global pool")
    func startsAfterLoopStopped() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.next()
        await group.shutdown()
        let task = Task(executorPreference: loop) { @Sendable in loop.inEventLoop }
        let ranOnLoop = await task.value
        #expect(!ranOnLoop)
    }

    @Test("jobs and closures posted together keep running on the loop under load from several threads")
    func manyJobs() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.next()
        let count = Atomic<Int>(0)
        let offLoop = Atomic<Int>(0)
        await withTaskGroup(of: Void.self) { tasks in
            for _ in 0..<4 {
                tasks.addTask { @Sendable in
                    for _ in 0..<500 {
                        let t = Task(executorPreference: loop) { @Sendable in
                            if !loop.inEventLoop { offLoop.add(1, ordering: .relaxed) }
                            await Task.yield()
                            if !loop.inEventLoop { offLoop.add(1, ordering: .relaxed) }
                            count.add(1, ordering: .relaxed)
                        }
                        loop.execute { count.add(1, ordering: .relaxed) }
                        await t.value
                    }
                }
            }
        }
        #expect(await eventually { count.load(ordering: .relaxed) == 4000 })
        #expect(offLoop.load(ordering: .relaxed) == 0)
        await group.shutdown()
    }
}
