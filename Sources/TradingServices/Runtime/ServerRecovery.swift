import Dispatch
import Observability
import Persistence
import Synchronization

/// Startup recovery: restores each component from the newest readable snapshot, then replays the
/// journal after it — per component, from that component's own section sequence.
///
/// A snapshot that cannot be read (damaged, unknown format, a section refused by its component)
/// never stops the start: it is logged and the affected components recover from the journal
/// start, which is always correct, only slower.
enum ServerRecovery {
    struct Report: Sendable, Equatable {
        /// The snapshot row used (its sequence), if any.
        var snapshotSequence: Int64?
        /// Sections restored, by name, with the sequence each covers.
        var restored: [String: Int64] = [:]
        /// Journal events decoded and handed to at least one component.
        var replayed = 0
        /// Journal rows read in total (decoded or skipped).
        var scanned = 0
        var nanoseconds: Int64 = 0
    }

    /// With `useSnapshot` false every component replays the whole journal (its types).
    ///
    /// The sections are restored on a second thread while this one reads and decodes the journal
    /// tail (both are mostly decoding; on a multi-core host they overlap). Decoded events are
    /// held back until every restore succeeded; if one failed, nothing has been delivered yet and
    /// the replay runs again with that component starting from the journal's beginning.
    static func run(components: [any ServerComponent], store: EventStore<ServerEventCodec>, useSnapshot: Bool = true,
                    log: Logger) throws -> Report {
        let started = DispatchTime.now().uptimeNanoseconds
        var report = Report()
        let last = store.startupReport.lastSequence
        var through = [Int64](repeating: 0, count: components.count)
        var pending: [(Int, SnapshotSection)] = []
        if useSnapshot, let (sequence, snapshot) = newestReadableSnapshot(store, lastSequence: last, log: log) {
            report.snapshotSequence = sequence
            let byName = Dictionary(snapshot.sections.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for (i, component) in components.enumerated() {
                guard let name = component.snapshotSection, let section = byName[name] else { continue }
                guard section.through <= last else {
                    log.warning("snapshot section covers events the journal does not have; replaying instead",
                                ["section": name, "through": "\(section.through)", "journal": "\(last)"])
                    continue
                }
                pending.append((i, section))
            }
        }
        let restoring = ParallelRestore(components: components, sections: pending)
        for (i, section) in pending { through[i] = section.through }
        let tail = try replay(components, store, through: through, report: &report, waitingFor: restoring)
        var failed = false
        for (i, section) in pending {
            let name = section.name
            if let error = restoring.failures[i] {
                failed = true
                through[i] = 0
                log.warning("snapshot section not restored; this component replays the whole journal",
                            ["section": name, "format": section.format, "reason": "\(error)"])
            } else {
                report.restored[name] = section.through
            }
        }
        if failed {
            // Nothing was delivered (see `replay`): run again with the corrected starting points.
            report.replayed = 0
            report.scanned = 0
            _ = try replay(components, store, through: through, report: &report, waitingFor: nil)
        } else if let tail {
            try deliver(tail, to: components, report: &report)
        }
        report.nanoseconds = Int64(DispatchTime.now().uptimeNanoseconds - started)
        return report
    }

    /// Decoded events not yet handed to components, with which components want each.
    struct Held {
        var events: [(JournalEvent<ServerEvent>, [Bool])] = []
    }

    /// Reads the journal after the earliest starting point and hands each event to the components
    /// that need it. While `restoring` runs, events are held instead; when it finished with a
    /// failure, nothing is delivered and the held events are dropped. Returns events still held
    /// (the restore outlived the scan), or nil.
    private static func replay(_ components: [any ServerComponent], _ store: EventStore<ServerEventCodec>,
                               through: [Int64], report: inout Report, waitingFor restoring: ParallelRestore?) throws -> Held? {
        let prefixes: [[[UInt8]]?] = components.map { $0.recoveredEventTypes.map { $0.map { Array($0.utf8) } } }
        let last = store.startupReport.lastSequence
        let from = zip(through, prefixes).filter { $0.1.map { !$0.isEmpty } ?? true }.map(\.0).min() ?? last
        var failure: (any Error)?
        var wanted: [Bool] = Array(repeating: false, count: components.count)
        var held: Held? = restoring == nil ? nil : Held()
        var aborted = false
        var scanned = 0, replayed = 0
        let reader = try store.makeReader()
        defer { reader.close() }
        try reader.replay(after: from, where: { sequence, type in
            scanned += 1
            var any = false
            for i in components.indices {
                let needs = sequence > through[i] && (prefixes[i].map { Self.matches(type, $0) } ?? true)
                wanted[i] = needs
                any = any || needs
            }
            return any && failure == nil && !aborted
        }) { event in
            if held != nil, let restoring, restoring.isDone {
                if restoring.failures.isEmpty, let h = held {
                    held = nil
                    for (e, w) in h.events { deliver(e, w, components, &failure) }
                } else {
                    aborted = true
                    held = nil
                    return
                }
            }
            replayed += 1
            if held != nil {
                held?.events.append((event, wanted))
            } else {
                deliver(event, wanted, components, &failure)
            }
        }
        if let failure { throw failure }
        restoring?.wait()
        report.scanned += scanned
        report.replayed += replayed
        return held
    }

    private static func deliver(_ held: Held, to components: [any ServerComponent], report: inout Report) throws {
        var failure: (any Error)?
        for (e, w) in held.events { deliver(e, w, components, &failure) }
        if let failure { throw failure }
    }

    private static func deliver(_ event: JournalEvent<ServerEvent>, _ wanted: [Bool], _ components: [any ServerComponent],
                                _ failure: inout (any Error)?) {
        guard failure == nil else { return }
        for i in components.indices where wanted[i] {
            do { try components[i].recover(event) } catch {
                failure = error
                return
            }
        }
    }

    /// Whether a row's type name (UTF-8) starts with one of `prefixes`.
    static func matches(_ type: UnsafeRawBufferPointer, _ prefixes: [[UInt8]]) -> Bool {
        for prefix in prefixes where prefix.count <= type.count {
            var equal = true
            for k in prefix.indices where type[k] != prefix[k] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }

    /// The newest snapshot row that decodes, trying older ones (the store keeps a few) after a
    /// damaged one.
    static func newestReadableSnapshot(_ store: EventStore<ServerEventCodec>, lastSequence: Int64,
                                       log: Logger) -> (Int64, ServerSnapshot)? {
        var before: Int64? = nil
        for _ in 0..<8 {
            let row: Snapshot?
            do { row = try store.latestSnapshot(before: before) } catch {
                log.warning("cannot read the snapshots table; replaying the whole journal", ["reason": "\(error)"])
                return nil
            }
            guard let row else { return nil }
            before = row.sequence
            guard row.format == ServerSnapshot.format else {
                log.warning("snapshot in an unknown format skipped", ["sequence": "\(row.sequence)", "format": row.format])
                continue
            }
            do {
                return (row.sequence, try ServerSnapshot.decode(row.data))
            } catch {
                log.warning("damaged snapshot skipped", ["sequence": "\(row.sequence)", "reason": error.description])
            }
        }
        return nil
    }
}

/// Restores snapshot sections on a background thread (see `ServerRecovery.run`).
final class ParallelRestore: Sendable {
    private let done = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let errors = Mutex<[Int: String]>([:])

    init(components: [any ServerComponent], sections: [(Int, SnapshotSection)]) {
        guard !sections.isEmpty else {
            done.store(true, ordering: .releasing)
            finished.signal()
            return
        }
        let work = sections.map { ($0.0, components[$0.0], $0.1) }
        DispatchQueue.global().async { [self] in
            for (i, component, section) in work {
                do { try component.restoreSnapshot(section) } catch {
                    errors.withLock { $0[i] = "\(error)" }
                }
            }
            done.store(true, ordering: .releasing)
            finished.signal()
        }
    }

    /// True once every section was tried.
    var isDone: Bool { done.load(ordering: .acquiring) }
    /// Why each failed section (by component index) was refused; read after `isDone`.
    var failures: [Int: String] { errors.withLock { $0 } }

    /// Blocks until every section was tried.
    func wait() {
        guard !isDone else { return }
        finished.wait()
        finished.signal()
    }
}
