import Synchronization

/// What a handler knows about its call: method, request metadata, deadline, peer, cancellation.
///
/// Thread-safe: created by the transport on its event-loop thread, read by the handler on any
/// thread. Cancellation (client RST_STREAM, deadline, connection loss, shutdown) is set once by the
/// transport and is visible through `isCancelled` and `onCancel`.
public final class ServerContext: Sendable {
    public let method: MethodDescriptor
    public let metadata: Metadata
    /// When the client gave up (from `grpc-timeout`), on the continuous clock.
    public let deadline: ContinuousClock.Instant?
    /// The peer's address, `ip:port`, or `in-process`.
    public let peer: String

    private struct State {
        var cancelled: RPCError?
        var cancelHandlers: [@Sendable (RPCError) -> Void] = []
        var values: [String: any Sendable] = [:]
        var principal: (any Sendable)?
    }
    private let state = Locked(State())
    /// Mirror of `state.cancelled != nil` for `isCancelled`, which streaming handlers read once per
    /// message (1,000 fill subscribers made the lock there a visible cost).
    private let cancelledFlag = Atomic<Bool>(false)

    public init(method: MethodDescriptor, metadata: Metadata, deadline: ContinuousClock.Instant?, peer: String) {
        self.method = method
        self.metadata = metadata
        self.deadline = deadline
        self.peer = peer
    }

    /// True once the call was cancelled; the handler should stop work and return.
    public var isCancelled: Bool { cancelledFlag.load(ordering: .acquiring) }

    /// Why the call was cancelled (CANCELLED or DEADLINE_EXCEEDED), if it was.
    public var cancellationError: RPCError? { state.withLock { $0.cancelled } }

    /// Runs `handler` once when the call is cancelled (immediately if it already was), on the
    /// thread that cancels it. Keep it short and non-blocking.
    public func onCancel(_ handler: @escaping @Sendable (RPCError) -> Void) {
        let already: RPCError? = state.withLock { s in
            if let c = s.cancelled { return c }
            s.cancelHandlers.append(handler)
            return nil
        }
        if let already { handler(already) }
    }

    /// Marks the call cancelled and runs the cancel handlers. Later calls do nothing.
    /// Called by transports.
    public func cancel(_ error: RPCError) {
        let handlers: [@Sendable (RPCError) -> Void] = state.withLock { s in
            guard s.cancelled == nil else { return [] }
            s.cancelled = error
            cancelledFlag.store(true, ordering: .releasing)
            defer { s.cancelHandlers = [] }
            return s.cancelHandlers
        }
        for h in handlers { h(error) }
    }

    /// A value an interceptor attached for the handler (for example the authenticated principal).
    public func value(forKey key: String) -> (any Sendable)? { state.withLock { $0.values[key] } }

    /// The authenticated caller an auth interceptor attached (one slot, no dictionary: every
    /// authenticated RPC sets it).
    public var principal: (any Sendable)? {
        get { state.withLock { $0.principal } }
        set { state.withLock { $0.principal = newValue } }
    }

    public func setValue(_ value: any Sendable, forKey key: String) {
        state.withLock { $0.values[key] = value }
    }
}
