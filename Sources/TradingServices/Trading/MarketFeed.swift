import CShims
import Foundation
import Synchronization
import TradingModel

/// Replays historical bars into the engine as a live feed: one bar every `1 / barsPerSecond`
/// seconds, posted to the engine's inbox (the sequencer restamps each bar to its clock, so the
/// strategy, risk and paper broker see a live market). Loops over the file when asked. The speed
/// can change while the feed runs (`setBarsPerSecond`, used by `Admin.UpdateConfig`); 0 pauses it.
///
/// Threading: `start`/`stop` from any thread; the feed runs on its own thread.
public final class MarketFeed: Sendable {
    let host: EngineHost
    let bars: [Bar]
    /// Bits of the current speed (a `Double`), read by the feed thread before every bar.
    private let speedBits: Atomic<UInt64>
    let loop: Bool
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    /// Bars posted so far.
    public let posted = Atomic<Int>(0)

    init(host: EngineHost, bars: [Bar], barsPerSecond: Double, loop: Bool) {
        self.host = host
        self.bars = bars
        self.speedBits = Atomic(barsPerSecond.bitPattern)
        self.loop = loop
    }

    /// The current speed in bars per second.
    public var barsPerSecond: Double { Double(bitPattern: speedBits.load(ordering: .relaxed)) }

    /// Changes the speed of a running feed (0 pauses it). False when the server started without
    /// a feed (no bars were loaded): a new speed then takes effect at the next start.
    @discardableResult
    public func setBarsPerSecond(_ value: Double) -> Bool {
        guard !bars.isEmpty, value.isFinite, value >= 0 else { return false }
        speedBits.store(value.bitPattern, ordering: .relaxed)
        return true
    }

    func start() {
        guard !bars.isEmpty, barsPerSecond > 0, !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in
            _ = tb_name_thread("tb-feed")  // cosmetic: a refusal changes nothing
            var next = Date()
            var index = 0
            while !stopping.load(ordering: .acquiring) {
                let speed = barsPerSecond
                guard speed > 0 else {
                    Thread.sleep(forTimeInterval: 0.05)
                    next = Date()
                    continue
                }
                let interval = 1.0 / speed
                if index == bars.count {
                    guard loop else { break }
                    index = 0
                }
                guard host.post(.bar(bars[index])) else { break }
                posted.add(1, ordering: .relaxed)
                index += 1
                next = next.addingTimeInterval(interval)
                let delay = next.timeIntervalSinceNow
                if delay > 0 { Thread.sleep(forTimeInterval: min(delay, 1)) } else if delay < -1 { next = Date() }
            }
            done.signal()
        }
        thread.start()
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
        if running.load(ordering: .acquiring) { done.wait() }
    }
}
