#if canImport(Glibc)
import Glibc
#endif

/// A value guarded by a pthread mutex (NetIO's private copy of RPCCore's `Locked`; NetIO does not
/// depend on RPCCore).
///
/// Used instead of `Synchronization.Mutex` for state shared between event-loop threads and Swift
/// tasks because ThreadSanitizer understands pthread locks but cannot see `Mutex`'s futex, which
/// made every TSan run report false races. Keep critical sections short; never await inside.
final class PThreadLocked<State>: @unchecked Sendable {
    private var state: State
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init(_ state: State) {
        self.state = state
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
