import Dispatch
import Observability
import Persistence

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
    static func run(components: [any ServerComponent], store: EventStore<ServerEventCodec>, useSnapshot: Bool = true,
                    log: Logger) throws -> Report {
        let started = DispatchTime.now().uptimeNanoseconds
        var report = Report()
        let last = store.startupReport.lastSequence
        var through = [Int64](repeating: 0, count: components.count)
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
                do {
                    try component.restoreSnapshot(section)
                    through[i] = section.through
                    report.restored[name] = section.through
                } catch {
                    log.warning("snapshot section not restored; this component replays the whole journal",
                                ["section": name, "format": section.format, "reason": "\(error)"])
                }
            }
        }

        // Which rows each component needs: after its own sequence, of its types.
        let prefixes: [[[UInt8]]?] = components.map { $0.recoveredEventTypes.map { $0.map { Array($0.utf8) } } }
        let from = zip(through, prefixes).filter { $0.1.map { !$0.isEmpty } ?? true }.map(\.0).min() ?? last
        var failure: (any Error)?
        var wanted: [Bool] = Array(repeating: false, count: components.count)
        let reader = try store.makeReader()
        defer { reader.close() }
        try reader.replay(after: from, where: { sequence, type in
            report.scanned += 1
            var any = false
            for i in components.indices {
                let needs = sequence > through[i] && (prefixes[i].map { Self.matches(type, $0) } ?? true)
                wanted[i] = needs
                any = any || needs
            }
            return any && failure == nil
        }) { event in
            report.replayed += 1
            for i in components.indices where wanted[i] {
                do { try components[i].recover(event) } catch {
                    failure = failure ?? error
                    return
                }
            }
        }
        if let failure { throw failure }
        report.nanoseconds = Int64(DispatchTime.now().uptimeNanoseconds - started)
        return report
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
