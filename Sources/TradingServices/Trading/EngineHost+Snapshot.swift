import Persistence
import TradingEngine
import TradingModel

extension EngineHost {
    /// Captures the host's snapshot section: a copy of the state on the sequencer thread (between
    /// two engine steps, so it is consistent), listed, packed and encoded on a background thread
    /// that only takes idle CPU (`LowPriorityWork.Priority.idle`: tens of ms per 100,000 orders, kept off both the
    /// sequencer and Swift's cooperative pool, where RPC handlers run). The sequencer only takes
    /// copy-on-write references of the engine's chunked order tables (`RetainedOrders`): listing the
    /// retained orders there, or copying a whole table on its next write, stalled every order for
    /// tens of ms.
    func makeSnapshot() async throws -> SnapshotSectionData {
        let (deferred, retained, limitsVersion, through) = try await query { v in
            let (snapshot, retained) = v.state.engine.snapshotDeferringOrders()
            return (snapshot, retained, v.state.limitsVersion, v.state.lastSequence)
        }
        let encoded: Result<SnapshotSectionData, any Error> = await withCheckedContinuation { continuation in
            LowPriorityWork.run("tb-snapshot", priority: .idle) {
                var engine = deferred
                retained.complete(&engine)
                // The engine keeps sequences of retained orders only (evicted with the order).
                let pairs = retained.journalSequencesInIDOrder
                let snapshot = EngineHostSnapshot(through: through, engine: engine,
                                                  orderSequence: EngineHostSnapshot.pack(pairs), limitsVersion: limitsVersion)
                continuation.resume(returning: Result { try snapshot.encoded() })
            }
        }
        return try encoded.get()
    }

    /// Restores the startup section (before `recover` and `start`); throws, changing nothing,
    /// when the section is unreadable.
    func restoreSnapshot(_ section: SnapshotSection) throws {
        let value = try EngineHostSnapshot.decode(section)
        let restored = RestoredEngineHost(through: value.through, engine: try value.restoredEngine(),
                                          orderSequence: try EngineHostSnapshot.unpack(value.orderSequence),
                                          limitsVersion: value.limitsVersion)
        restoredSnapshot.withLock { $0 = restored }
    }

    /// Reconciliation at start: orders whose broker outcome is unknown (sent and not
    /// acknowledged, UNKNOWN, or with a cancel in flight) are marked UNKNOWN where needed, which
    /// blocks new orders for their instrument, and the broker is asked about each; its answers
    /// arrive as reports and resolve them. The marking events are journaled and committed before
    /// the sequencer takes its first job.
    func reconcileAtStart(_ state: SequencerState) {
        let (step, queries) = state.engine.beginReconciliation()
        if !step.events.isEmpty {
            do {
                let range = try store.append(step.events.map { ServerEvent.engine($0.event) },
                                             timeNanoseconds: step.events[0].timestamp.nanoseconds)
                var journaled: [JournaledEngineEvent] = []
                for (offset, e) in step.events.enumerated() {
                    let sequence = range.lowerBound + Int64(offset)
                    journaled.append(JournaledEngineEvent(sequence: sequence, timeNanoseconds: e.timestamp.nanoseconds,
                                                          event: e.event))
                    if let o = e.event.order { state.engine.setJournalSequence(sequence, of: o.id) }
                }
                state.lastSequence = range.upperBound
                try store.waitForCommit(of: range.upperBound)
                hub.publish(journaled)
            } catch {
                log.error("journal append failed during reconciliation", ["reason": "\(error)"])
            }
        }
        for id in queries { state.broker.queryStatus(id, at: state.clock.now) }
        if !queries.isEmpty {
            log.warning("orders with an unknown broker outcome: new orders for their instruments wait until the broker answers",
                        ["orders": queries.map(\.description).joined(separator: ","),
                         "marked_unknown": "\(step.events.count)"])
        }
    }
}
