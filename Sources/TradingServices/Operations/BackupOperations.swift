import Dispatch
import Foundation
import Persistence
import Synchronization

/// Runs every backup operation of one data directory on one serial dispatch queue: on-demand
/// creates, listings, verifications, test restores and the scheduled backups.
///
/// Why one serial queue instead of `BackupScheduler` plus callers' threads: `BackupManager` must
/// run one backup at a time per directory (a create removes leftover `.partial` directories, and
/// retention deletes old backups), so scheduled and on-demand work must not overlap. The queue is
/// a Dispatch thread, never the Swift concurrency pool or an event loop: SQLite's backup API and
/// SHA-256 of a large file block for seconds. Callers `await`; their task is suspended, not blocked.
/// Work already running when `stop()` is called finishes (SQLite's backup step cannot be
/// interrupted safely); work submitted afterwards fails with `.stopped`.
final class BackupOperations: Sendable {
    /// What a scheduled run produced (for logs, metrics and tests).
    enum ScheduledOutcome: Sendable {
        case created(BackupRecord, pruned: [String])
        case failed(BackupFailure)
    }

    let manager: BackupManager
    let configuration: BackupConfiguration
    private let projections: [any Projection<ServerEvent>]
    private let now: @Sendable () -> Int64
    private let queue = DispatchQueue(label: "tradebot.backups")
    private let state = Mutex(State())

    private struct State: @unchecked Sendable {
        // DispatchSourceTimer is thread-safe; only created, scheduled and cancelled under this lock.
        var timer: (any DispatchSourceTimer)?
        var stopped = false
    }

    init(manager: BackupManager, configuration: BackupConfiguration,
         projections: [any Projection<ServerEvent>], now: @escaping @Sendable () -> Int64) {
        self.manager = manager
        self.configuration = configuration
        self.projections = projections
        self.now = now
    }

    // MARK: on demand

    /// Creates a backup now, stores `note` beside it and applies retention; returns the backup and
    /// the paths retention removed.
    func create(note: String) async throws(BackupFailure) -> (BackupRecord, [String]) {
        try await run { () throws(BackupFailure) -> (BackupRecord, [String]) in
            try self.createNow(note: note)
        }
    }

    /// Removes `.verify-restore-*` scratch directories left by a test restore that a crash or
    /// `kill -9` interrupted (scratch by construction, and each may hold a full database copy);
    /// returns the removed paths.
    func removeLeftoverScratch() async -> [String] {
        let directory = manager.dataDirectory
        return (try? await run { () throws(BackupFailure) -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            var removed: [String] = []
            for name in names where name.hasPrefix(Self.scratchPrefix) {
                let path = directory + "/" + name
                if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
            }
            return removed
        }) ?? []
    }

    /// Every complete backup, oldest first.
    func list() async throws(BackupFailure) -> [BackupRecord] {
        try await run { () throws(BackupFailure) -> [BackupRecord] in try self.listNow() }
    }

    /// Verifies one backup (`""` is the newest) and records the outcome beside it. With
    /// `testRestore`, also restores it into a scratch directory inside the data directory and opens
    /// it as the server would at start (quick_check, migrations, projections), then removes it.
    func verify(id: String, testRestore: Bool) async throws(BackupFailure) -> (BackupRecord, String) {
        try await run { () throws(BackupFailure) -> (BackupRecord, String) in
            try self.verifyNow(id: id, testRestore: testRestore)
        }
    }

    // MARK: schedule

    /// Longest wait before a failed scheduled backup is tried again (a failure must not cost a
    /// whole interval of RPO when its cause, e.g. a full disk, is fixed quickly).
    static let maxRetryDelay: Int64 = 15 * 60 * 1_000_000_000

    /// Starts the schedule (if an interval is configured): the first run is due one interval after
    /// `newestBackup` (creation time of the newest backup; now when there is none), then every
    /// interval. After a failure the next attempt comes after min(interval, 15 min).
    func startSchedule(newestBackup newest: Int64?, report: @escaping @Sendable (ScheduledOutcome) -> Void) {
        guard let interval = configuration.interval else { return }
        let intervalNs = Self.nanoseconds(interval)
        let current = now()
        let firstDelay = max(Int64(0), min(intervalNs, (newest ?? current) + intervalNs - current))
        let retryDelay = min(intervalNs, Self.maxRetryDelay)
        state.withLock { s in
            guard !s.stopped, s.timer == nil else { return }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            Self.schedule(timer, after: firstDelay, interval: intervalNs)
            timer.setEventHandler { [self] in
                guard !state.withLock({ $0.stopped }) else { return }
                let outcome = scheduledRun()
                if case .failed = outcome, let timer = state.withLock({ $0.timer }) {
                    Self.schedule(timer, after: retryDelay, interval: intervalNs)
                }
                report(outcome)
            }
            timer.resume()
            s.timer = timer
        }
    }

    private static func schedule(_ timer: any DispatchSourceTimer, after delay: Int64, interval: Int64) {
        timer.schedule(wallDeadline: .now() + .nanoseconds(Int(delay)), repeating: .nanoseconds(Int(interval)),
                       leeway: .milliseconds(Int(min(1000, interval / 10_000_000))))
    }

    /// Stops the schedule and waits for work already on the queue to finish.
    func stop() async {
        let timer = state.withLock { s -> (any DispatchSourceTimer)? in
            s.stopped = true
            defer { s.timer = nil }
            return s.timer
        }
        timer?.cancel()
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in queue.async { c.resume() } }
    }

    /// A scheduled run: create, then verify (MISSION.md: daily backups with checksum validation).
    private func scheduledRun() -> ScheduledOutcome {
        do throws(BackupFailure) {
            let (record, pruned) = try createNow(note: "scheduled")
            let (verified, _) = try verifyNow(id: record.id, testRestore: false)
            return .created(verified, pruned: pruned)
        } catch {
            return .failed(error)
        }
    }

    // MARK: work (on the queue only)

    private func run<T: Sendable>(_ body: @escaping @Sendable () throws(BackupFailure) -> T) async throws(BackupFailure) -> T {
        let result: Result<T, BackupFailure> = await withCheckedContinuation { continuation in
            queue.async { [self] in
                guard !state.withLock({ $0.stopped }) else { return continuation.resume(returning: .failure(.stopped)) }
                do throws(BackupFailure) { continuation.resume(returning: .success(try body())) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    private func createNow(note: String) throws(BackupFailure) -> (BackupRecord, [String]) {
        let created: BackupManager.Created
        do throws(StoreError) { created = try manager.create(key: configuration.key, retain: configuration.retain) } catch {
            throw .store(error)
        }
        var record = BackupRecord(path: created.path, manifest: created.manifest, problem: nil)
        if !note.isEmpty {
            record.annotations.note = note
            do { try record.annotations.save(directory: created.path) } catch {
                throw .store(StoreError(.io, path: created.path + "/" + BackupAnnotations.fileName,
                                        message: "the backup is complete, but its note could not be saved: \(error)"))
            }
        }
        return (record, created.pruned)
    }

    private func listNow() throws(BackupFailure) -> [BackupRecord] {
        do throws(StoreError) { return try manager.list().map({ BackupRecord(path: $0.path, manifest: $0.manifest, problem: $0.problem) }) } catch { throw .store(error) }
    }

    private func verifyNow(id: String, testRestore: Bool) throws(BackupFailure) -> (BackupRecord, String) {
        var record = try resolve(id)
        let path = record.path
        var detail: String
        do throws(StoreError) {
            if testRestore {
                detail = try testRestoreNow(path)
            } else {
                let manifest = try manager.verify(path, key: configuration.key)
                detail = Self.checkedSummary(manifest)
            }
        } catch {
            record.annotations.verifiedAt = BackupID.iso8601(nanoseconds: now())
            record.annotations.verificationPassed = false
            record.annotations.verificationDetail = error.description
            try? record.annotations.save(directory: path)
            throw .verificationFailed(id: record.id, error)
        }
        record.annotations.verifiedAt = BackupID.iso8601(nanoseconds: now())
        record.annotations.verificationPassed = true
        record.annotations.verificationDetail = detail
        do { try record.annotations.save(directory: path) } catch {
            detail += " (the result could not be recorded in \(path)/\(BackupAnnotations.fileName): \(error))"
        }
        return (record, detail)
    }

    /// Restores into `<data>/.verify-restore-<stamp>/`, opens it like a starting server, compares
    /// the last sequence with the manifest, and always removes the scratch directory.
    private func testRestoreNow(_ path: String) throws(StoreError) -> String {
        let scratch = manager.dataDirectory + "/" + Self.scratchPrefix + BackupID.iso8601(nanoseconds: now())
            .replacingOccurrences(of: ":", with: "")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let restored = try BackupManager.restore(path, into: scratch, key: configuration.key)
        let store = try EventStore(directory: scratch, codec: ServerEventCodec(), projections: projections)
        let report = store.startupReport
        store.close()
        guard report.lastSequence == restored.manifest.lastSequence else {
            throw StoreError(.backupInvalid, path: path + "/" + restored.manifest.databaseFile,
                             message: "the restored journal ends at sequence \(report.lastSequence), the manifest says \(restored.manifest.lastSequence)")
        }
        return Self.checkedSummary(restored.manifest)
            + "; test restore opened the journal at sequence \(report.lastSequence) (quick_check passed, projections caught up)"
    }

    /// The backup for `id` (`""`: the newest), or the precise reason there is none.
    private func resolve(_ id: String) throws(BackupFailure) -> BackupRecord {
        if id.isEmpty {
            guard let newest = try listNow().last else {
                throw .notFound("there are no backups in \(manager.backupsDirectory)")
            }
            return newest
        }
        guard let valid = BackupID(id) else { throw .invalidID(id) }
        guard let record = try listNow().first(where: { $0.id == valid.value }) else {
            throw .notFound("no backup \(valid.value) in \(manager.backupsDirectory)")
        }
        return record
    }

    /// Name prefix of test-restore scratch directories inside the data directory.
    static let scratchPrefix = ".verify-restore-"

    static func checkedSummary(_ manifest: BackupManifest) -> String {
        "checksums, integrity_check, schema version \(manifest.schemaVersion) and last sequence "
            + "\(manifest.lastSequence) match the manifest"
            + (manifest.encryption != nil ? " (AES-256-GCM authenticated)" : "")
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
