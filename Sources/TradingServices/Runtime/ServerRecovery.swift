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
    /// Order of work: the sections are restored on a second thread while this one reads the
    /// journal after the earliest point any component needs (rows of types no component needs there
    /// are skipped undecoded), holding decoded events back until every restore finished. A
    /// component whose section was refused gets none of them; it replays its own events from the
    /// journal start afterwards. Each component sees its events exactly once, in order.
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
        let types = components.map(\.recoveredEventTypes)
        // The scan starts at the earliest component that needs any row.
        let start = components.indices.filter { types[$0].map { !$0.isEmpty } ?? true }.map { through[$0] }.min() ?? last
        let reader = try store.makeReader()
        defer { reader.close() }
        try scan(components, reader, after: start, through: through, types: types, report: &report, restoring: restoring)

        for (i, section) in pending {
            if let error = restoring.failures[i] {
                log.warning("snapshot section not restored; this component replays its events from the journal start",
                            ["section": section.name, "format": section.format, "reason": error])
                // It received nothing from the scan (see `scan`): all its events, in order, now.
                var only = Array(repeating: Int64.max, count: components.count)
                only[i] = 0
                try scan(components, reader, after: 0, through: only, types: types, report: &report, restoring: nil)
            } else {
                report.restored[section.name] = section.through
            }
        }
        report.nanoseconds = Int64(DispatchTime.now().uptimeNanoseconds - started)
        return report
    }

    /// Reads the rows after `sequence` and hands each event to the components that need it (after
    /// their `through`, of their types). While `restoring` runs, decoded events are held; once it
    /// finished, components whose section was refused are left out, and the rest get the held
    /// events in order.
    private static func scan(_ components: [any ServerComponent], _ reader: JournalReader<ServerEventCodec>,
                             after sequence: Int64, through: [Int64], types: [[String]?], report: inout Report,
                             restoring: ParallelRestore?) throws {
        let prefixes: [[[UInt8]]?] = types.map { $0.map { $0.map { Array($0.utf8) } } }
        var failure: (any Error)?
        var wanted: [Bool] = Array(repeating: false, count: components.count)
        var excluded: [Bool] = Array(repeating: false, count: components.count)
        var held: [(JournalEvent<ServerEvent>, [Bool])] = []
        var holding = restoring.map { !$0.isDone } ?? false
        var scanned = 0, replayed = 0
        func release() {
            for i in components.indices where restoring?.failures[i] != nil { excluded[i] = true }
            for (event, mask) in held { deliver(event, mask, excluded, components, &failure) }
            held.removeAll()
            holding = false
        }
        if let restoring, restoring.isDone { release() }
        try reader.replay(after: sequence, where: { sequence, type in
            scanned += 1
            var any = false
            for i in components.indices {
                let needs = sequence > through[i] && (prefixes[i].map { Self.matches(type, $0) } ?? true)
                wanted[i] = needs
                any = any || needs
            }
            return any && failure == nil
        }) { event in
            replayed += 1
            if holding, let restoring, restoring.isDone { release() }
            if holding {
                held.append((event, wanted))
            } else {
                deliver(event, wanted, excluded, components, &failure)
            }
        }
        if holding {
            restoring?.wait()
            release()
        }
        if let failure { throw failure }
        report.scanned += scanned
        report.replayed += replayed
    }

    private static func deliver(_ event: JournalEvent<ServerEvent>, _ wanted: [Bool], _ excluded: [Bool],
                                _ components: [any ServerComponent], _ failure: inout (any Error)?) {
        guard failure == nil else { return }
        for i in components.indices where wanted[i] && !excluded[i] {
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
