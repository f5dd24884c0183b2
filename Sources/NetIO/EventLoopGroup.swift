import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A fixed set of event loops, one thread each (default: one per core).
public final class EventLoopGroup: Sendable {
    public let loops: [EventLoop]
    private let nextIndex = Atomic<Int>(0)

    /// Creates and starts `count` loops (default: the number of online cores).
    ///
    /// Also ignores SIGPIPE for the whole process: OpenSSL's socket BIO writes with `write(2)`,
    /// so a peer that resets mid-write would otherwise kill the process.
    public init(loopCount: Int? = nil) throws(NetIOError) {
        _ = signal(SIGPIPE, SIG_IGN)
        let n = max(1, loopCount ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var loops: [EventLoop] = []
        for i in 0..<n {
            let loop = try EventLoop(index: i)
            try loop.start()
            loops.append(loop)
        }
        self.loops = loops
    }

    /// Round-robin choice of a loop for a new client connection.
    public func next() -> EventLoop {
        let i = nextIndex.add(1, ordering: .relaxed).oldValue
        return loops[i % loops.count]
    }

    /// Stops every loop and waits for their threads to exit.
    public func shutdown() async {
        for loop in loops { loop.stop() }
        for loop in loops { await loop.waitUntilStopped() }
    }
}
