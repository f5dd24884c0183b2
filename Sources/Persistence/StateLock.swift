#if PERSISTENCE_TSAN_LOCKS
#if canImport(Glibc)
import Glibc
#endif

/// Build-flag variant for ThreadSanitizer runs (`-Xswiftc -DPERSISTENCE_TSAN_LOCKS`): a pthread
/// mutex, which TSan intercepts. `Synchronization.Mutex` on Linux locks inside the uninstrumented
/// runtime library, so TSan cannot see its happens-before edges and reports every access under it
/// as a race (see docs/PERFORMANCE.md, "Persistence (issue 5)"). Same API and semantics.
final class StateLock<Value: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<R: Sendable, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
#else
import Synchronization

/// The lock around every piece of state the store shares between threads: a
/// `Synchronization.Mutex` (futex-based, no allocation per lock). A class so it can be shared by
/// reference; `withLock` bodies must be short and must not call back into the store.
final class StateLock<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<R: Sendable, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        try mutex.withLock { (value: inout sending Value) throws(E) -> sending R in try body(&value) }
    }
}
#endif
