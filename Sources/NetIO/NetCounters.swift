import Synchronization

/// Connection-level counters, updated on the loop threads, readable from any thread
/// (the metrics layer reads them). Monotonic except `open`.
public final class NetCounters: Sendable {
    public let accepted = Atomic<Int>(0)
    public let open = Atomic<Int>(0)
    public let acceptErrors = Atomic<Int>(0)
    /// Handshakes that failed: plaintext or garbage on the TLS port, TLS < 1.3, bad certificates.
    public let handshakeFailures = Atomic<Int>(0)
    public let handshakeTimeouts = Atomic<Int>(0)
    /// ClientHellos that offered ALPN without `h2`.
    public let alpnRefused = Atomic<Int>(0)
    /// Connections closed by an I/O error (reset, broken pipe, TLS record error).
    public let ioErrors = Atomic<Int>(0)

    public init() {}

    func bump(_ counter: borrowing Atomic<Int>) { counter.add(1, ordering: .relaxed) }
}
