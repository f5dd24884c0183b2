/// Payload of `signalIgnored`.
public struct SignalIgnored: Hashable, Sendable, Codable {
    public let signal: Signal
    public let reason: String
    public init(signal: Signal, reason: String) {
        self.signal = signal
        self.reason = reason
    }
}
