import Dispatch

/// A one-shot semaphore carrying a commit result, for the blocking durability waits.
final class BlockingWaiter: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let result = StateLock<Result<Int64, StoreError>?>(nil)

    var callback: CommitCallback {
        { [self] outcome in
            result.withLock { $0 = outcome }
            semaphore.signal()
        }
    }

    @discardableResult
    func wait() throws(StoreError) -> Int64 {
        semaphore.wait()
        guard let outcome = result.withLock({ $0 }) else {
            throw StoreError(.closed, path: "", message: "commit wait ended without a result")
        }
        return try outcome.get()
    }
}
