import Observability
import Persistence
import RPCCore
import TradingProtocol

/// Backups of the running server: `Admin.CreateBackup`, `Admin.ListBackups`,
/// `Admin.VerifyBackup`, and the scheduled backups with retention (docs/DISASTER_RECOVERY.md).
///
/// Backups are online: SQLite's backup API copies a consistent snapshot from its own connection
/// while the journal writer keeps committing. All backup work runs on one serial queue
/// (`BackupOperations`), so handlers only await it. Role checks are not done here: the auth
/// interceptor's policy table makes these methods admin-only.
///
/// Metrics (for alerting and the Go/No-Go row "backup/restore verified within 24 h"):
/// `tradebot_backup_last_success_timestamp_seconds`, `tradebot_backup_last_verified_timestamp_seconds`,
/// `tradebot_backup_last_duration_seconds`, `tradebot_backup_failures_total`.
public final class BackupComponent: ServerComponent {
    /// Longest accepted `CreateBackupRequest.note`, in UTF-8 bytes.
    public static let maxNoteBytes = 1024

    let operations: BackupOperations
    private let log: Logger
    private let store: EventStore<ServerEventCodec>
    private let now: @Sendable () -> Int64
    private let scheduledReport: (@Sendable (BackupOperations.ScheduledOutcome) -> Void)?
    private let lastSuccess: Gauge
    private let lastVerified: Gauge
    private let lastDuration: Gauge
    private let failures: Counter

    /// - Parameter onScheduledBackup: called after each scheduled run (tests observe the
    ///   schedule through it instead of sleeping).
    public convenience init(runtime: ServerRuntime, configuration: BackupConfiguration,
                            onScheduledBackup: (@Sendable (Result<BackupRecord, BackupFailure>) -> Void)? = nil) {
        var report: (@Sendable (BackupOperations.ScheduledOutcome) -> Void)?
        if let onScheduledBackup {
            report = { outcome in
                switch outcome {
                case .created(let record, _): onScheduledBackup(.success(record))
                case .failed(let failure): onScheduledBackup(.failure(failure))
                }
            }
        }
        self.init(runtime: runtime, configuration: configuration, projections: TradebotServer.standardProjections,
                  report: report)
    }

    init(runtime: ServerRuntime, configuration: BackupConfiguration, projections: [any Projection<ServerEvent>],
         report: (@Sendable (BackupOperations.ScheduledOutcome) -> Void)?) {
        let manager = BackupManager(dataDirectory: runtime.configuration.dataDirectory,
                                    toolVersion: "tradebotd \(runtime.version)")
        operations = BackupOperations(manager: manager, configuration: configuration, projections: projections,
                                      now: runtime.now)
        log = runtime.log
        store = runtime.store
        now = runtime.now
        scheduledReport = report
        let metrics = runtime.metrics
        lastSuccess = metrics.gauge("tradebot_backup_last_success_timestamp_seconds",
                                    help: "Unix time of the newest complete backup.").gauge
        lastVerified = metrics.gauge("tradebot_backup_last_verified_timestamp_seconds",
                                     help: "Unix time of the last backup verification that passed.").gauge
        lastDuration = metrics.gauge("tradebot_backup_last_duration_seconds",
                                     help: "Seconds the last scheduled backup (create and verify) took.").gauge
        failures = metrics.counter("tradebot_backup_failures_total",
                                   help: "Backups or verifications that failed (scheduled and on demand).").counter
    }

    public func register(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.Admin.createBackup.descriptor.rpc,
                             request: TradebotV1.CreateBackupRequest.self,
                             response: TradebotV1.CreateBackupResponse.self) { [self] request, _ in
            try await createBackup(request)
        }
        router.registerUnary(TradebotV1.Admin.listBackups.descriptor.rpc,
                             request: TradebotV1.ListBackupsRequest.self,
                             response: TradebotV1.ListBackupsResponse.self) { [self] _, _ in
            try await listBackups()
        }
        router.registerUnary(TradebotV1.Admin.verifyBackup.descriptor.rpc,
                             request: TradebotV1.VerifyBackupRequest.self,
                             response: TradebotV1.VerifyBackupResponse.self) { [self] request, _ in
            try await verifyBackup(request)
        }
    }

    public func start(_ runtime: ServerRuntime) async throws {
        let configuration = operations.configuration
        for path in await operations.removeLeftoverScratch() {
            log.warning("removed the scratch directory of an interrupted test restore", ["path": path])
        }
        var newest: Int64?
        if let records = try? await operations.list() {
            newest = records.compactMap(\.createdAtNanoseconds).max()
            if let newest { lastSuccess.set(Double(newest) / 1e9) }
            let verified = records.filter(\.verified).compactMap { $0.annotations.verifiedAt }
                .compactMap { BackupID.nanoseconds(iso8601: $0) }.max()
            if let verified { lastVerified.set(Double(verified) / 1e9) }
        }
        let now = runtime.now
        operations.startSchedule(newestBackup: newest) { [self] outcome in
            let finished = now()
            switch outcome {
            case let .created(record, pruned):
                journalCreated(record, scheduled: true, pruned: pruned)
                if let created = record.createdAtNanoseconds {
                    lastSuccess.set(Double(created) / 1e9)
                    // The manifest's creation time is taken when the copy starts.
                    lastDuration.set(Double(max(0, finished - created)) / 1e9)
                }
                lastVerified.set(Double(now()) / 1e9)
                log.info("scheduled backup created and verified", [
                    "backup": record.path, "lastSequence": "\(record.manifest?.lastSequence ?? 0)",
                    "bytes": "\(record.sizeBytes)", "pruned": pruned.joined(separator: ","),
                ])
            case .failed(let failure):
                failures.increment()
                log.error("scheduled backup failed: \(failure)")
            }
            scheduledReport?(outcome)
        }
        let schedule = configuration.interval.map { "every " + BackupConfiguration.describe($0) } ?? "off"
        log.info("backups", ["directory": operations.manager.backupsDirectory, "schedule": schedule,
                             "retain": "\(configuration.retain)",
                             "encryption": configuration.key == nil ? "off" : "AES-256-GCM"])
    }

    public func shutdown() async {
        await operations.stop()
    }

    // MARK: handlers

    func createBackup(_ request: TradebotV1.CreateBackupRequest) async throws(RPCError) -> TradebotV1.CreateBackupResponse {
        guard request.note.utf8.count <= Self.maxNoteBytes else {
            throw BackupFailure.invalidArgument("note: at most \(Self.maxNoteBytes) bytes").rpcError
        }
        guard !request.note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw BackupFailure.invalidArgument("note: control characters are not allowed").rpcError
        }
        do throws(BackupFailure) {
            let (record, pruned) = try await operations.create(note: request.note)
            await durable(journalCreated(record, scheduled: false, pruned: pruned))
            if let created = record.createdAtNanoseconds { lastSuccess.set(Double(created) / 1e9) }
            log.info("backup created on demand", ["backup": record.path,
                                                  "lastSequence": "\(record.manifest?.lastSequence ?? 0)"])
            var response = TradebotV1.CreateBackupResponse()
            response.backup = record.wire
            return response
        } catch {
            failures.increment()
            log.error("backup failed: \(error)")
            throw error.rpcError
        }
    }

    func listBackups() async throws(RPCError) -> TradebotV1.ListBackupsResponse {
        do throws(BackupFailure) {
            var response = TradebotV1.ListBackupsResponse()
            response.backups = try await operations.list().map(\.wire)
            return response
        } catch {
            throw error.rpcError
        }
    }

    func verifyBackup(_ request: TradebotV1.VerifyBackupRequest) async throws(RPCError) -> TradebotV1.VerifyBackupResponse {
        do throws(BackupFailure) {
            let (record, detail) = try await operations.verify(id: request.backupID, testRestore: request.testRestore)
            await durable(journal(.verified(.init(backupID: record.id, passed: true, testRestore: request.testRestore,
                                                  detail: detail))))
            lastVerified.set(Double(BackupID.nanoseconds(iso8601: record.annotations.verifiedAt ?? "") ?? 0) / 1e9)
            var response = TradebotV1.VerifyBackupResponse()
            response.ok = true
            response.backup = record.wire
            response.detail = detail
            return response
        } catch {
            if case .verificationFailed(let id, let reason) = error {
                await durable(journal(.verified(.init(backupID: id, passed: false, testRestore: request.testRestore,
                                                      detail: reason.description))))
                failures.increment()
                log.error("\(error)")
            }
            throw error.rpcError
        }
    }

    // MARK: journal

    /// Appends a backup event and returns its sequence. The backup itself already succeeded or
    /// failed, so a journal failure is logged (the store reports it on every later append too), not
    /// returned to the caller.
    @discardableResult
    private func journal(_ event: BackupEvent) -> Int64? {
        do { return try store.append(.backup(event), timeNanoseconds: now()) } catch {
            log.error("a backup event could not be journaled", ["event": event.typeName, "reason": "\(error)"])
            return nil
        }
    }

    /// Waits until the event at `sequence` is committed, so an RPC answers only once the backup's
    /// history is durable.
    private func durable(_ sequence: Int64?) async {
        guard let sequence else { return }
        do { try await store.committed(through: sequence) } catch {
            log.error("backup events could not be committed", ["reason": "\(error)"])
        }
    }

    /// `Created` for a new backup (and `Verified` when the schedule checked it), `Removed` for
    /// each backup retention deleted.
    @discardableResult
    private func journalCreated(_ record: BackupRecord, scheduled: Bool, pruned: [String]) -> Int64? {
        var last = journal(.created(.init(backupID: record.id, path: record.path, sha256: record.wire.sha256,
                                          sizeBytes: record.sizeBytes, lastSequence: record.manifest?.lastSequence ?? 0,
                                          encrypted: record.manifest?.encryption != nil, scheduled: scheduled,
                                          note: record.annotations.note ?? "")))
        if let passed = record.annotations.verificationPassed {
            last = journal(.verified(.init(backupID: record.id, passed: passed, testRestore: false,
                                           detail: record.annotations.verificationDetail ?? ""))) ?? last
        }
        for path in pruned {
            last = journal(.removed(.init(backupID: String(path.split(separator: "/").last ?? ""), reason: "retention"))) ?? last
        }
        return last
    }
}
