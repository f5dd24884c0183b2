import Dispatch
import Persistence
import Synchronization

/// Runs one store check on a background thread; `wait()` returns its error, if any.
final class BackgroundCheck: Sendable {
    private let result = Mutex<StoreError??>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(_ check: @escaping @Sendable () throws(StoreError) -> Void) {
        DispatchQueue.global().async { [self] in
            var outcome: StoreError? = nil
            do throws(StoreError) { try check() } catch { outcome = error }
            result.withLock { $0 = .some(outcome) }
            finished.signal()
        }
    }

    /// Blocks until the check finished; nil when it passed. May be called more than once.
    func wait() -> StoreError? {
        if let done = result.withLock({ $0 }) { return done }
        finished.wait()
        finished.signal()
        return result.withLock { $0 } ?? nil
    }
}
