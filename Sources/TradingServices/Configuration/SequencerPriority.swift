import CShims
import Foundation
import Observability

/// The scheduling priority of the sequencer thread, the one thread the trade loop waits on
/// (`TRADEBOT_SEQUENCER_PRIORITY`, key `server.sequencer_priority`).
///
/// On a machine whose cores are busy with stream fan-out, TLS and clients, a bar posted to the
/// engine's inbox waits until the sequencer gets a core.
///
/// The default, `slice:100`, asks the kernel's EEVDF scheduler (Linux 6.12+) for a 100 µs request
/// size: the sequencer then preempts a busy core soon after it wakes, without a larger share of
/// the CPU and without privilege (trade-loop p95 under fan-out 0.8 → 0.4–0.6 ms). Older kernels
/// ignore it. It costs order entry nothing because event loops ring the sequencer once per turn
/// (`EngineHost.enqueue`), not once per order.
///
/// The raised modes need `CAP_SYS_NICE` (root, or systemd `AmbientCapabilities=CAP_SYS_NICE`).
/// Under a heavy order-entry load they make SubmitOrder's p99 worse: the sequencer then gets a
/// larger share and preempts the event loops and the journal writer.
///
/// A mode the kernel refuses leaves the thread as it was and logs one warning; the server still
/// starts (docs/RUNBOOK.md).
///
/// - `slice:<µs>`, 100 to 100,000: the sequencer's scheduler slice (default `slice:100`).
/// - `normal`: the default time-sharing priority and slice, unchanged.
/// - `nice:<n>`, n from -20 to -1: a negative nice value for the sequencer thread only.
/// - `fifo:<n>`, n from 1 to 10: `SCHED_FIFO` at priority n (kept low: the kernel's own
///   real-time threads stay above it). The sequencer blocks when its inbox is empty, so it takes
///   only the CPU its work needs, and the kernel's real-time throttling still bounds it.
public enum SequencerPriority: Sendable, Equatable, CustomStringConvertible {
    case normal
    case nice(Int32)
    case fifo(Int32)
    case slice(Int32)

    public static let variable = "TRADEBOT_SEQUENCER_PRIORITY"

    /// What the server uses unless told otherwise.
    public static let standard = SequencerPriority.slice(100)

    /// `TRADEBOT_SEQUENCER_PRIORITY` from `environment`; unset or empty is `standard`.
    public init(environment: [String: String]) throws(ConfigurationError) {
        guard let text = environment[Self.variable], !text.isEmpty else {
            self = Self.standard
            return
        }
        let reason = "expected normal, slice:<100 to 100000 µs>, nice:<-20 to -1> or fifo:<1 to 10>"
        if text == "normal" {
            self = .normal
            return
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let n = Int32(parts[1]) else {
            throw .invalidValue(setting: Self.variable, value: text, reason: reason)
        }
        switch parts[0] {
        case "nice" where (-20 ... -1).contains(n): self = .nice(n)
        case "fifo" where (1...10).contains(n): self = .fifo(n)
        case "slice" where (100...100_000).contains(n): self = .slice(n)
        default: throw .invalidValue(setting: Self.variable, value: text, reason: reason)
        }
    }

    public var description: String {
        switch self {
        case .normal: return "normal"
        case .nice(let n): return "nice:\(n)"
        case .fifo(let n): return "fifo:\(n)"
        case .slice(let n): return "slice:\(n)"
        }
    }

    /// Applies the mode to the calling thread and logs the outcome once: the mode in effect, or a
    /// warning that the requested one was refused and the thread runs at the normal priority.
    public func apply(log: Logger) {
        if let refused = applyToCurrentThread() {
            log.warning("sequencer priority refused, the thread keeps its priority (nice and fifo need CAP_SYS_NICE)",
                        ["requested": description, "error": refused])
        } else {
            log.info("sequencer priority", ["mode": description])
        }
    }

    /// Applies the mode to the calling thread (Linux: nice values and scheduling policies are per
    /// thread). Returns nil on success, else why the kernel refused it; the thread then keeps the
    /// priority it had.
    public func applyToCurrentThread() -> String? {
        switch self {
        case .normal:
            return nil
        case .nice(let n):
            // `who = 0` is the calling thread (NPTL keeps a nice value per thread).
            guard setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, n) == 0 else {
                return "setpriority(\(n)): \(String(cString: strerror(errno)))"
            }
            return nil
        case .fifo(let n):
            var parameter = sched_param(sched_priority: n)
            let rc = pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameter)
            guard rc == 0 else { return "pthread_setschedparam(SCHED_FIFO, \(n)): \(String(cString: strerror(rc)))" }
            return nil
        case .slice(let microseconds):
            let rc = tb_set_fair_slice(UInt64(microseconds) * 1_000)
            guard rc == 0 else { return "sched_setattr(slice \(microseconds) µs): \(String(cString: strerror(rc)))" }
            return nil
        }
    }
}
