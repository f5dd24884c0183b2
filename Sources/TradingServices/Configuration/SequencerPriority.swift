import CShims
import Foundation
import Observability

/// The scheduling priority of the sequencer thread, the one thread the trade loop waits on
/// (`TRADEBOT_SEQUENCER_PRIORITY`, key `server.sequencer_priority`).
///
/// On a machine whose cores are busy with stream fan-out, TLS and clients, a bar posted to the
/// engine's inbox waits until the sequencer gets a core. Raising its priority lets it run first;
/// both raised modes need `CAP_SYS_NICE` (root, or systemd `AmbientCapabilities=CAP_SYS_NICE`).
/// The default changes nothing. A raised mode that the kernel refuses leaves the thread at the
/// normal priority and logs one warning; the server still starts (docs/RUNBOOK.md).
/// The default stays `normal`: under a heavy order-entry load a raised sequencer preempts the
/// event loops and the journal writer for every command and SubmitOrder's p99 gets worse.
///
/// - `normal`: the default time-sharing priority.
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

    /// `TRADEBOT_SEQUENCER_PRIORITY` from `environment`; unset or empty is `normal`.
    public init(environment: [String: String]) throws(ConfigurationError) {
        guard let text = environment[Self.variable], !text.isEmpty else {
            self = .normal
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
            log.warning("sequencer priority refused, running at the normal priority (raised modes need CAP_SYS_NICE)",
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
