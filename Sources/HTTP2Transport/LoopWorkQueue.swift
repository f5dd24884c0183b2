import RPCCore

/// Items for one connection's loop, collected across threads so the loop handles all of them in
/// one posted task and then writes once (one `pump`, one TLS write) per loop turn.
///
/// Server: streams whose handlers queued response bytes while nghttp2 was told DEFERRED. Before,
/// every stream posted a task of its own and each ran a full pump: with 125 fan-out streams on a
/// connection, one published batch cost 125 closures and 125 `SSL_write`s. Client: calls whose
/// consumer read messages and owe the server window credit (one WINDOW_UPDATE flush per turn).
///
/// Threading: `add` from any thread; `take` on the connection's loop.
final class LoopWorkQueue<Item: Sendable>: Sendable {
    private struct State {
        var items: [Item] = []
        var posted = false
    }

    private let state = Locked(State())

    init() {}

    /// Queues `item`; true when the caller must post the drain to the loop (nothing posted since
    /// the last `take`).
    func add(_ item: Item) -> Bool {
        state.withLock { s in
            s.items.append(item)
            if s.posted { return false }
            s.posted = true
            return true
        }
    }

    /// Everything queued so far; the next `add` posts again.
    func take() -> [Item] {
        state.withLock { s in
            s.posted = false
            defer { s.items.removeAll(keepingCapacity: true) }
            return s.items
        }
    }
}
