import Synchronization

/// Serving status per service name, as `grpc.health.v1` reports it. The empty name is the whole server.
///
/// Thread-safe. Watchers get the current status at once and then every change, in order; a status
/// set to the value it already has is not a change. On shutdown every watcher is finished after it
/// has seen NOT_SERVING, so `Watch` streams end cleanly.
public final class HealthRegistry: Sendable {
    public enum ServingStatus: Int, Sendable, Equatable {
        case unknown = 0, serving = 1, notServing = 2, serviceUnknown = 3
    }

    private struct Watcher {
        let service: String
        let continuation: AsyncStream<ServingStatus>.Continuation
    }

    private struct State {
        var statuses: [String: ServingStatus] = ["": .serving]
        var watchers: [Int: Watcher] = [:]
        var nextID = 0
        var finished = false
    }

    private let state = Mutex(State())

    public init() {}

    /// The status of a known service, or nil for an unknown one (Check answers NOT_FOUND).
    public func status(of service: String) -> ServingStatus? {
        state.withLock { $0.statuses[service] }
    }

    /// Sets a service's status (registering the name if new) and tells its watchers.
    public func set(_ service: String, _ status: ServingStatus) {
        let targets: [AsyncStream<ServingStatus>.Continuation] = state.withLock { s in
            guard !s.finished, s.statuses[service] != status else { return [] }
            s.statuses[service] = status
            return s.watchers.values.filter { $0.service == service }.map(\.continuation)
        }
        for c in targets { c.yield(status) }
    }

    /// Marks every service NOT_SERVING, tells watchers, then ends their streams. Later `set`s are ignored.
    public func shutDown() {
        let watchers: [Watcher] = state.withLock { s in
            guard !s.finished else { return [] }
            s.finished = true
            for key in s.statuses.keys { s.statuses[key] = .notServing }
            defer { s.watchers = [:] }
            return Array(s.watchers.values)
        }
        for w in watchers {
            w.continuation.yield(.notServing)
            w.continuation.finish()
        }
    }

    /// The current status (SERVICE_UNKNOWN for an unknown name) followed by every change.
    /// The stream keeps at most the newest 16 undelivered statuses, so a stalled watcher costs
    /// bounded memory and still ends with the latest one.
    public func watch(_ service: String) -> AsyncStream<ServingStatus> {
        let (stream, continuation) = AsyncStream<ServingStatus>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let (id, current, finished): (Int, ServingStatus, Bool) = state.withLock { s in
            let current = s.statuses[service] ?? .serviceUnknown
            if s.finished { return (-1, current, true) }
            let id = s.nextID
            s.nextID += 1
            s.watchers[id] = Watcher(service: service, continuation: continuation)
            return (id, current, false)
        }
        continuation.yield(current)
        if finished {
            continuation.finish()
        } else {
            continuation.onTermination = { [weak self] _ in
                _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
            }
        }
        return stream
    }

    /// Number of live watchers (for metrics and tests).
    public var watcherCount: Int { state.withLock { $0.watchers.count } }
}
