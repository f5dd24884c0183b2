/// One item of the engine's single ordered inbox.
///
/// Commands are boxed (`indirect`) so the common inputs — bars, quotes, broker
/// reports — stay small and cheap to pass on the hot path.
public enum EngineInput: Hashable, Sendable, Codable {
    indirect case command(EngineCommand)
    case bar(Bar)
    case quote(Quote)
    case broker(BrokerReport)
    /// Periodic wake-up: timeouts, stale data, breaker cool-downs are checked at `Clock.now`.
    case timer
}
