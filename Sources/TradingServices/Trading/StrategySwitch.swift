import Synchronization
import TradingEngine
import TradingModel

/// The on/off switch of a hosted strategy, flipped by `StartStrategy`/`StopStrategy` from any
/// thread and read by the sequencer when the strategy sees a bar.
///
/// A stopped strategy still sees every bar (its indicators stay warm, so a restart trades at once)
/// but its signals are dropped. The switch is not journaled: the signals a running strategy emits
/// are, which is all a restart needs to rebuild state; after a restart the strategy runs as
/// configured.
public final class StrategySwitch: Sendable {
    private let running = Atomic<Bool>(true)
    private let changedAt = Atomic<Int64>(0)

    public init() {}

    public var isRunning: Bool { running.load(ordering: .acquiring) }
    /// Wall-clock nanoseconds of the last start or stop (0: running since the server started).
    public var since: Int64 { changedAt.load(ordering: .relaxed) }

    /// Sets the state; returns whether it changed.
    @discardableResult
    public func set(running value: Bool, at time: Int64) -> Bool {
        let old = running.exchange(value, ordering: .acquiringAndReleasing)
        if old != value { changedAt.store(time, ordering: .relaxed) }
        return old != value
    }
}
