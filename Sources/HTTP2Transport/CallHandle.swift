import NetIO
import RPCCore
import Synchronization

/// Thread-safe identity of one client call, shared between the caller's task and the loop:
/// carries early cancellation and application-side flow-control credit.
final class CallHandle: Sendable {
    private struct State {
        var streamID: Int32?
        var cancelled: RPCError?
        var pendingConsume = 0
    }
    private let state = Locked(State())

    var streamID: Int32? {
        get { state.withLock { $0.streamID } }
        set { state.withLock { $0.streamID = newValue } }
    }

    /// Records a cancellation that may arrive before the call started.
    func markCancelled(_ error: RPCError) { state.withLock { if $0.cancelled == nil { $0.cancelled = error } } }
    var cancellation: RPCError? { state.withLock { $0.cancelled } }

    /// Adds consumed bytes; true when the loop must be told (the first credit since the last flush).
    func addConsumed(_ n: Int) -> Bool {
        state.withLock { s in
            let first = s.pendingConsume == 0
            s.pendingConsume += n
            return first
        }
    }

    func takeConsumed() -> Int { state.withLock { s in defer { s.pendingConsume = 0 }; return s.pendingConsume } }
}
