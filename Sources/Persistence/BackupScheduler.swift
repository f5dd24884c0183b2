import CShims
import Dispatch
import Foundation

/// Runs `BackupManager.create` on a fixed interval (default daily) on its own thread.
///
/// Why a thread and not a timer on an event loop: a backup of a large database takes seconds of
/// I/O and must not stall network loops or the engine. The first backup runs one interval after
/// `start` (or at once with `runImmediately`). Each outcome goes to `report` (on the scheduler
/// thread), so the server can log it, export it as a metric and alert on failures.
/// Threading: `start`/`stop`/`runNow` may be called from any thread; `stop` waits for a running
/// backup to finish.
public final class BackupScheduler: Sendable {
    public typealias Report = @Sendable (Result<BackupManager.Created, StoreError>) -> Void

    private struct State: Sendable {
        var running = false
        var stopping = false
        var pendingNow = 0
    }

    private let manager: BackupManager
    private let interval: Duration
    private let retain: Int
    private let key: BackupKey?
    private let report: Report
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let state = StateLock(State())

    public init(manager: BackupManager, interval: Duration = .seconds(86_400), retain: Int = 7,
                key: BackupKey? = nil, report: @escaping Report) {
        self.manager = manager
        self.interval = interval
        self.retain = retain
        self.key = key
        self.report = report
    }

    /// Starts the scheduler thread (once).
    public func start(runImmediately: Bool = false) {
        let start = state.withLock { s -> Bool in
            guard !s.running && !s.stopping else { return false }
            s.running = true
            if runImmediately { s.pendingNow += 1 }
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in
            _ = tb_name_thread("tb-backup")  // cosmetic: a refusal changes nothing
            self.loop()
        }
        thread.start()
    }

    /// Requests an extra backup now (the on-demand path); the result goes to `report`.
    public func runNow() {
        state.withLock { $0.pendingNow += 1 }
        wake.signal()
    }

    /// Stops the thread, waiting for a backup in progress.
    public func stop() {
        let wasRunning = state.withLock { s -> Bool in
            s.stopping = true
            return s.running
        }
        guard wasRunning else { return }
        wake.signal()
        exited.wait()
        state.withLock { $0.running = false }
    }

    private func loop() {
        let nanoseconds = max(Int64(1), interval.components.seconds * 1_000_000_000
                                  + interval.components.attoseconds / 1_000_000_000)
        var due = DispatchTime.now().uptimeNanoseconds + UInt64(nanoseconds)
        while true {
            let (stop, now) = state.withLock { s -> (Bool, Bool) in
                let now = s.pendingNow > 0
                if now { s.pendingNow -= 1 }
                return (s.stopping, now)
            }
            if stop { break }
            if !now {
                let timedOut = wake.wait(timeout: DispatchTime(uptimeNanoseconds: due)) == .timedOut
                if !timedOut { continue }
            }
            if DispatchTime.now().uptimeNanoseconds >= due { due = DispatchTime.now().uptimeNanoseconds + UInt64(nanoseconds) }
            do throws(StoreError) { report(.success(try manager.create(key: key, retain: retain))) } catch {
                report(.failure(error))
            }
        }
        exited.signal()
    }
}
