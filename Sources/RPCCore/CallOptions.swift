/// Per-call client options.
public struct CallOptions: Sendable {
    /// Request metadata (for example `authorization: Bearer …`).
    public var metadata: Metadata
    /// Give up at this instant: the client sends `grpc-timeout` and fails the call with
    /// DEADLINE_EXCEEDED locally if no status arrived by then.
    public var deadline: ContinuousClock.Instant?

    public init(metadata: Metadata = Metadata(), deadline: ContinuousClock.Instant? = nil) {
        self.metadata = metadata
        self.deadline = deadline
    }

    /// Options with a deadline `timeout` from now.
    public static func timeout(_ timeout: Duration, metadata: Metadata = Metadata()) -> CallOptions {
        CallOptions(metadata: metadata, deadline: .now + timeout)
    }
}
