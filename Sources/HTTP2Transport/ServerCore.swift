import NetIO
import RPCCore
import Synchronization

/// State shared by every connection of one server: configuration, routes, counters,
/// the per-loop session registries and the drain flag. Immutable except for atomics and locks.
final class ServerCore: Sendable {
    let configuration: HTTP2ServerConfiguration
    let router: RPCRouter
    let getRoutes: [String: HTTPGetHandler]
    let counters: TransportCounters
    let draining = Atomic<Bool>(false)
    private struct Sessions {
        var count = 0
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    }
    private let sessions = Locked(Sessions())

    init(configuration: HTTP2ServerConfiguration, router: RPCRouter, getRoutes: [String: HTTPGetHandler],
         counters: TransportCounters) {
        self.configuration = configuration
        self.router = router
        self.getRoutes = getRoutes
        self.counters = counters
    }

    func sessionOpened() { sessions.withLock { $0.count += 1 } }

    func sessionClosed() {
        let waiters: [CheckedContinuation<Bool, Never>] = sessions.withLock { s in
            s.count -= 1
            guard s.count == 0 else { return [] }
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for w in waiters { w.resume(returning: true) }
    }

    var openSessions: Int { sessions.withLock { $0.count } }

    /// Returns true when no session is open, or false once `timeout` passed first.
    func waitForAllSessionsClosed(timeout: Duration) async -> Bool {
        await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            let id: Int? = sessions.withLock { s in
                if s.count == 0 { return nil }
                s.nextWaiter += 1
                s.waiters[s.nextWaiter] = c
                return s.nextWaiter
            }
            guard let id else { c.resume(returning: true); return }
            Task {
                try? await Task.sleep(for: timeout)
                let waiter = self.sessions.withLock { $0.waiters.removeValue(forKey: id) }
                waiter?.resume(returning: false)
            }
        }
    }
}
