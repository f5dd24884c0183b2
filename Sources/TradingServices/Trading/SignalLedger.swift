import Synchronization
import TradingProtocol

/// First answers to external signals by `signal_id`, so a retried `SubmitSignal` returns the same
/// answer instead of trading twice. Bounded (oldest forgotten first); in memory, so idempotency
/// holds for the life of the process.
///
/// Threading: safe from any thread (one `Mutex`).
final class SignalLedger: Sendable {
    private struct State {
        var answers: [String: TradebotV1.SubmitSignalResponse] = [:]
        var order: [String] = []
    }
    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    func answer(for id: String) -> TradebotV1.SubmitSignalResponse? { state.withLock { $0.answers[id] } }

    /// Records `answer` unless one exists; returns the one that wins.
    func record(_ answer: TradebotV1.SubmitSignalResponse, for id: String) -> TradebotV1.SubmitSignalResponse {
        state.withLock { s in
            if let existing = s.answers[id] { return existing }
            s.answers[id] = answer
            s.order.append(id)
            if s.order.count > capacity {
                let drop = s.order.count - capacity
                for old in s.order.prefix(drop) { s.answers[old] = nil }
                s.order.removeFirst(drop)
            }
            return answer
        }
    }
}
