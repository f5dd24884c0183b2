import NetIO
import Synchronization
import Testing

@Suite("Event loops")
struct EventLoopTests {
    @Test("tasks posted from other threads run on the loop thread, in order")
    func ordering() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.next()
        let seen = Mutex<[Int]>([])
        for i in 0..<1000 { loop.execute { seen.withLock { $0.append(i) } } }
        let onLoop = await loop.submit { loop.inEventLoop }
        #expect(onLoop)
        #expect(!loop.inEventLoop)
        #expect(seen.withLock { $0 } == Array(0..<1000))
        await group.shutdown()
    }

    @Test("timers fire in deadline order and cancelled timers do not fire")
    func timers() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let loop = group.next()
        let fired = Mutex<[Int]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let box = LoopBound(done)
            loop.execute {
                loop.schedule(after: .milliseconds(30)) { fired.withLock { $0.append(3) } }
                loop.schedule(after: .milliseconds(10)) { fired.withLock { $0.append(1) } }
                let cancelled = loop.schedule(after: .milliseconds(20)) { fired.withLock { $0.append(2) } }
                loop.cancel(cancelled)
                loop.schedule(after: .milliseconds(40)) { box.value.resume() }
            }
        }
        #expect(fired.withLock { $0 } == [1, 3])
        await group.shutdown()
    }

    @Test("a group starts one loop per requested count and round-robins")
    func group() async throws {
        let group = try EventLoopGroup(loopCount: 3)
        let picks = (0..<6).map { _ in group.next().index }
        #expect(Set(picks) == [0, 1, 2])
        await group.shutdown()
    }
}
