import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGTERM or SIGINT. The default actions are replaced so the server can drain instead
/// of dying mid-write; SIGPIPE is ignored because peers that reset connections must not kill us.
enum SignalWaiter {
    /// Returns the first termination signal received.
    static func waitForTermination() async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let queue = DispatchQueue(label: "tradebotd.signals")
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { continuation.yield(sig) }
            source.resume()
            sources.append(source)
        }
        var iterator = stream.makeAsyncIterator()
        let received = await iterator.next() ?? SIGTERM
        withExtendedLifetime(sources) {}
        return received
    }
}
