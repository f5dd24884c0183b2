import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs CPU-heavy background work (sorting, packing and encoding a snapshot) on its own thread at
/// a lower scheduling priority.
///
/// Why: on a machine with two cores the snapshot's 50–150 ms of CPU, at normal priority, took
/// its share from the sequencer, the journal's writer and the event loops, and the orders of that
/// moment waited. At nice 10 the scheduler gives it what the order path leaves idle (it still
/// finishes: a niced thread is never starved indefinitely by CFS).
enum LowPriorityWork {
    /// The niceness of the worker thread (0 is normal, 19 the lowest priority).
    static let niceness: Int32 = 10

    /// Starts `work` on a new thread named `name`; returns at once.
    static func run(_ name: String, _ work: @escaping @Sendable () -> Void) {
        let thread = Thread {
            #if os(Linux)
            // On Linux the nice value is per thread, and `who == 0` is the calling thread. If the
            // call is refused the work runs at normal priority: slower for the orders, never wrong.
            if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) != 0 {
                // Nothing else to do: the work itself does not depend on its priority.
            }
            #endif
            work()
        }
        thread.name = name
        thread.start()
    }
}
