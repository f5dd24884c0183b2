import CShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs background work (packing and encoding a snapshot, storing it) on its own thread at a
/// lower scheduling priority than the order path.
///
/// Why: on a machine with two cores the snapshot's tens of ms of CPU, at normal priority, took
/// its share from the sequencer, the journal's writer and the event loops, and the orders of that
/// moment waited.
enum LowPriorityWork {
    /// How much the work yields to the rest of the process.
    enum Priority {
        /// Linux `SCHED_IDLE`: the thread runs only on CPU time no normal thread wants, and any
        /// normal thread that wakes up preempts it at once (a niced thread can keep a waking
        /// sequencer off its core for a scheduler slice, a few ms). Only for CPU work that takes
        /// no lock the order path needs (it may wait long for CPU on a busy machine while
        /// holding it): e.g. packing a snapshot, but not SQLite calls, whose global mutexes the
        /// journal writer shares.
        case idle
        /// nice 10: a smaller share of the CPU, never starved (CFS and EEVDF give every runnable
        /// thread some time).
        case nice
    }

    /// The niceness of `.nice` workers, and of `.idle` ones where `SCHED_IDLE` is refused.
    static let niceness: Int32 = 10
    /// `SCHED_IDLE` from <sched.h> (a GNU extension the Glibc module does not export).
    private static let schedIdle: Int32 = 5

    /// Starts `work` on a new thread named `name`; returns at once.
    static func run(_ name: String, priority: Priority = .nice, _ work: @escaping @Sendable () -> Void) {
        let thread = Thread {
            _ = tb_name_thread(name)  // cosmetic: a refusal changes nothing
            #if os(Linux)
            var param = sched_param()
            param.sched_priority = 0
            let idle = priority == .idle && pthread_setschedparam(pthread_self(), schedIdle, &param) == 0
            // On Linux the nice value is per thread, and `who == 0` is the calling thread.
            if !idle, setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) != 0 {
                // Refused: the work runs at normal priority (slower for the orders, never wrong).
            }
            #endif
            work()
        }
        thread.name = name
        thread.start()
    }
}
