import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one long blocking step (a restore, a verification) on its own thread and shows on standard
/// error which phase is running and for how long.
///
/// Why elapsed time and not a percentage: the store's backup, verify and restore calls report no
/// progress, so anything else would be made up. Standard output stays for the result; on a
/// terminal the elapsed time updates in place, otherwise a line is printed every 10 seconds.
enum BlockingPhase {
    static func run<T: Sendable, E: Error>(_ phase: String, _ body: @escaping @Sendable () -> Result<T, E>) async -> Result<T, E> {
        let interactive = isatty(STDERR_FILENO) == 1
        let started = ContinuousClock.now
        write(interactive ? "\(phase)..." : "\(phase)...\n")
        let ticker = Task {
            var tick = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                tick += 1
                if Task.isCancelled { break }
                if interactive {
                    write("\r\(phase)... \(tick)s")
                } else if tick % 10 == 0 {
                    write("\(phase): still running after \(tick)s\n")
                }
            }
        }
        let result = await onJoinedThread(body)
        ticker.cancel()
        // Wait for the ticker too: nothing of this phase may still run when the command returns
        // and the process exits.
        await ticker.value
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let outcome = if case .success = result { "finished in" } else { "failed after" }
        write((interactive ? "\r" : "") + "\(phase): \(outcome) \(String(format: "%.2f", seconds)) s\n")
        return result
    }

    /// Runs `body` on a thread of its own and returns its result once that thread has exited
    /// (joined), not merely once `body` returned.
    ///
    /// Why joined: the command returns right after, and the process exits. A thread still
    /// unwinding then runs its thread-local destructors (OpenSSL's per-thread error state among
    /// them) while `exit` frees the same libraries' global state; a restore crashed once with
    /// `malloc_consolidate(): invalid chunk size` on a pool thread just after its phase had
    /// finished, which is that race's signature. If no thread can be created, `body` runs here.
    static func onJoinedThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        var thread = pthread_t()
        var started = false
        let result: T = await withCheckedContinuation { continuation in
            let start = ThreadStart { continuation.resume(returning: body()) }
            let context = Unmanaged.passRetained(start).toOpaque()
            started = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                Unmanaged<ThreadStart>.fromOpaque(raw).takeRetainedValue().work()
                return nil
            }, context) == 0
            if !started {
                Unmanaged<ThreadStart>.fromOpaque(context).release()
                start.work()
            }
        }
        if started {
            // The thread resumed us as its last step; joining waits only for its exit.
            let code = pthread_join(thread, nil)
            if code != 0 { write("warning: pthread_join failed (\(code))\n") }
        }
        return result
    }

    /// The closure a maintenance thread runs, passed through `pthread_create`'s context pointer.
    private final class ThreadStart: @unchecked Sendable {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
