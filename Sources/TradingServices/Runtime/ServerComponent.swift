import Persistence
import RPCCore

/// One part of the server (identity and auth, trading, ...) plugged into the composer.
///
/// Lifecycle, driven by `TradebotServer` in this order: the store is opened (with the product's
/// projections, which are stateless and listed in `TradebotServer.standardProjections`); components
/// are built with the runtime; `recover` sees every journal event in order; `register` adds RPCs and
/// interceptors; `start` runs after the listeners are bound; `shutdown` runs after the transport
/// has drained, before the store closes.
public protocol ServerComponent: Sendable {
    /// Rebuilds in-memory state from one journal event (startup replay, in sequence order).
    func recover(_ event: JournalEvent<ServerEvent>) throws
    /// Adds this component's RPCs and interceptors.
    func register(in router: inout RPCRouter)
    /// Begins background work (feeds, timers) once the server is up.
    func start(_ runtime: ServerRuntime) async throws
    /// Stops background work; the store is closed after every component returns.
    func shutdown() async
}

extension ServerComponent {
    public func recover(_ event: JournalEvent<ServerEvent>) throws {}
    public func start(_ runtime: ServerRuntime) async throws {}
    public func shutdown() async {}
}
