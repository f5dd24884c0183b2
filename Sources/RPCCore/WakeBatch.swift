/// Wake-ups collected while one thread hands data to many streams (`ResponseStreamSink.tryWrite`),
/// run together once it is done. A fan-out publish queues bytes on 1,000 streams; waking each
/// stream's event loop as it goes lets the loops preempt the publisher and send the publish in
/// many small pieces (more TLS records, more reader wake-ups on the client). Deferred, every
/// loop is woken once, after the whole batch is queued.
///
/// Threading: owned by the thread that fills it; `run` on that thread.
public final class WakeBatch {
    private var wakes: [@Sendable () -> Void] = []

    public init() {}

    /// Remembers a wake-up to run later.
    public func add(_ wake: @escaping @Sendable () -> Void) { wakes.append(wake) }

    /// Runs the collected wake-ups in the order they were added, then forgets them.
    public func run() {
        let pending = wakes
        wakes.removeAll()
        for wake in pending { wake() }
    }
}
