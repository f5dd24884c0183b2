import Dispatch
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Persistence

@Suite("Event journal")
struct EventStoreTests {
    @Test("concurrent producers get contiguous sequences and each producer's order is kept")
    func ordering() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        defer { store.close() }
        let producers = 4
        let perProducer = 500
        DispatchQueue.concurrentPerform(iterations: producers) { p in
            for i in 0..<perProducer {
                _ = try? store.append(.orderAccepted(id: "p\(p)-\(i)", quantity: Int64(i) + 1), timeNanoseconds: Int64(i))
            }
        }
        try store.flush()
        #expect(store.committedSequence == Int64(producers * perProducer))
        let reader = try store.makeReader()
        defer { reader.close() }
        let events = try reader.events(after: 0, limit: 10_000)
        #expect(events.map(\.sequence) == Array(1...Int64(producers * perProducer)))
        for p in 0..<producers {
            let mine = events.compactMap { e -> Int64? in
                guard case .orderAccepted(let id, let q) = e.event, id.hasPrefix("p\(p)-") else { return nil }
                return q
            }
            #expect(mine == Array(1...Int64(perProducer)))
        }
        #expect(try reader.records(after: 100, limit: 3).map(\.sequence) == [101, 102, 103])
    }

    @Test("each durability callback fires once, after its event is visible to a fresh reader")
    func callbacks() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        defer { store.close() }
        let seen = StateLock<[Int64: Int]>([:])
        let visible = StateLock<Bool>(true)
        let count = 300
        for i in 0..<count {
            let range = try store.append([.orderAccepted(id: "c\(i)", quantity: 1)], timeNanoseconds: 0) { result in
                guard case .success(let seq) = result else { visible.withLock { $0 = false }; return }
                seen.withLock { $0[seq, default: 0] += 1 }
                if seq % 50 == 0 {
                    // Committed means readable by another connection now.
                    let ok = (try? store.makeReader()).map { r in
                        defer { r.close() }
                        return ((try? r.lastSequence()) ?? 0) >= seq
                    } ?? false
                    if !ok { visible.withLock { $0 = false } }
                }
            }
            #expect(range == Int64(i + 1)...Int64(i + 1))
        }
        try store.flush()
        #expect(seen.withLock { $0 } == Dictionary(uniqueKeysWithValues: (1...Int64(count)).map { ($0, 1) }))
        #expect(visible.withLock { $0 })
    }

    @Test("events queued while the writer is busy share one transaction (group commit)")
    func groupCommit() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        defer { store.close() }
        // Park the writer inside a barrier callback, queue events, then release it: no timing involved.
        let parked = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        store.writer.submit(.barrier { _ in
            parked.signal()
            gate.wait()
        })
        parked.wait()
        let before = store.commitCount
        let count = 5_000
        for n in 0..<count { try store.append(.scripted(Int64(n)), timeNanoseconds: 0) }
        gate.signal()
        try store.flush()
        #expect(store.committedSequence == Int64(count))
        #expect(store.commitCount - before == 1)
        // Past maxBatchSize the writer splits into several transactions, still in order.
        store.writer.submit(.barrier { _ in
            parked.signal()
            gate.wait()
        })
        parked.wait()
        let again = store.commitCount
        for n in count..<(count + 20_000) { try store.append(.scripted(Int64(n)), timeNanoseconds: 0) }
        gate.signal()
        try store.flush()
        #expect(store.commitCount - again == 3) // 20,000 events in batches of at most 8,192
        #expect(try projectionDump(store).count == 8_334 + 1) // orders o0...o8333 and one position
    }

    @Test("blocking and async durable appends return only after commit")
    func durableWaits() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        defer { store.close() }
        let a = try store.appendAndWait(.orderAccepted(id: "a", quantity: 1), timeNanoseconds: 1)
        #expect(store.committedSequence >= a)
        let b = try await store.appendDurably(.orderAccepted(id: "b", quantity: 1), timeNanoseconds: 2)
        #expect(store.committedSequence >= b)
        let c = try store.append(.cancelled(id: "a"), timeNanoseconds: 3)
        try await store.committed(through: c)
        try store.waitForCommit(of: c)
        #expect([a, b, c] == [1, 2, 3])
        let never = #expect(throws: StoreError.self) { try store.waitForCommit(of: 99) }
        #expect(never?.kind == .invalidArgument)
    }

    @Test("a reader's transaction keeps its view and never blocks the writer")
    func readerIsolation() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        defer { store.close() }
        for i in 0..<10 { try store.append(.orderAccepted(id: "r\(i)", quantity: 1), timeNanoseconds: 0) }
        try store.flush()
        let reader = try store.makeReader()
        defer { reader.close() }
        let (before, during) = try reader.readTransaction { () throws(StoreError) -> (Int64, Int64) in
            let before = try reader.lastSequence()
            // The writer commits while the read transaction is open.
            for i in 10..<20 { try store.appendAndWait(.orderAccepted(id: "r\(i)", quantity: 1), timeNanoseconds: 0) }
            return (before, try reader.lastSequence())
        }
        #expect(before == 10)
        #expect(during == 10)
        #expect(try reader.lastSequence() == 20)
    }

    @Test("projections follow every batch and equal a rebuild from the journal")
    func projectionRebuild() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        defer { store.close() }
        for n in Int64(0)..<600 { try store.append(.scripted(n), timeNanoseconds: n) }
        try store.flush()
        let live = try projectionDump(store)
        #expect(live.count == 201)
        try store.rebuildProjections()
        #expect(try projectionDump(store) == live)
        let reader = try store.makeReader()
        defer { reader.close() }
        #expect(try reader.rows("SELECT name, version, last_seq FROM projection_state ORDER BY name")
            == [[.text("orders"), .integer(1), .integer(600)], [.text("positions"), .integer(1), .integer(600)]])
    }

    @Test("a projection whose version changed is rebuilt when the store opens")
    func projectionVersionBump() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var store = try openStore(dir.data)
        for n in Int64(0)..<30 { try store.append(.scripted(n), timeNanoseconds: n) }
        try store.flush()
        let live = try projectionDump(store)
        store.close()
        var bumped = OrdersProjection()
        bumped.version = 2
        store = try openStore(dir.data, projections: [bumped, PositionsProjection()])
        defer { store.close() }
        #expect(store.startupReport.rebuiltProjections == ["orders"])
        #expect(try projectionDump(store) == live)
    }

    @Test("a failing projection rolls back its batch and stops the store; earlier events stay")
    func failingProjection() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data, projections: [OrdersProjection(), FailingProjection(failOn: "bad")])
        defer { store.close() }
        try store.appendAndWait(.orderAccepted(id: "good", quantity: 1), timeNanoseconds: 0)
        let error = #expect(throws: StoreError.self) {
            try store.appendAndWait(.cancelled(id: "bad"), timeNanoseconds: 0)
        }
        #expect(error?.kind == .projection)
        #expect(store.failure?.kind == .projection)
        #expect(throws: StoreError.self) { try store.append(.cancelled(id: "x"), timeNanoseconds: 0) }
        let reader = try store.makeReader()
        defer { reader.close() }
        #expect(try reader.lastSequence() == 1)
    }

    @Test("restart from the latest snapshot plus the events after it equals a full replay")
    func snapshotReplay() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var store = try openStore(dir.data)
        var live = FoldedState()
        for n in Int64(0)..<1_000 {
            let seq = try store.append(.scripted(n), timeNanoseconds: n)
            live.apply(JournalEvent(sequence: seq, timeNanoseconds: n, event: .scripted(n)))
            if seq % 300 == 0 { try store.saveSnapshot(live.encoded(), format: "folded/1", through: seq) }
        }
        try store.flush()
        store.close()

        store = try openStore(dir.data)
        defer { store.close() }
        let snapshot = try #require(try store.latestSnapshot())
        #expect(snapshot.sequence == 900)
        #expect(snapshot.format == "folded/1")
        var restored = FoldedState(decoding: snapshot.data)
        var replayed = 0
        let last = try store.replay(after: snapshot.sequence) { restored.apply($0); replayed += 1 }
        var full = FoldedState()
        try store.replay(after: 0) { full.apply($0) }
        #expect(replayed == 100)
        #expect(last == 1_000)
        #expect(restored == live)
        #expect(full == live)
        // Only `snapshotsToKeep` (3) are kept, in snapshots.db; the journal's old table stays empty.
        #expect(try store.snapshotSequences() == [300, 600, 900])
        let reader = try store.makeReader()
        defer { reader.close() }
        #expect(try reader.rows("SELECT count(*) FROM snapshots") == [[.integer(0)]])
        let early = #expect(throws: StoreError.self) { try store.saveSnapshot([], format: "x", through: 5_000) }
        #expect(early?.kind == .invalidArgument)
    }

    @Test("closing commits what is queued, and appends after close are refused")
    func closeDrains() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        for n in Int64(0)..<2_000 { try store.append(.scripted(n), timeNanoseconds: n) }
        store.close()
        let error = #expect(throws: StoreError.self) { try store.append(.cancelled(id: "late"), timeNanoseconds: 0) }
        #expect(error?.kind == .closed)
        let again = try openStore(dir.data)
        defer { again.close() }
        #expect(again.startupReport.lastSequence == 2_000)
        #expect(try again.append(.cancelled(id: "next"), timeNanoseconds: 0) == 2_001)
    }

    @Test("a second store on the same data directory is refused while the first is open")
    func exclusive() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        let error = #expect(throws: StoreError.self) { _ = try openStore(dir.data) }
        #expect(error?.kind == .inUse)
        #expect(error?.path == dir.data)
        store.close()
        try openStore(dir.data).close()
    }

    @Test("WAL checkpoints run on the background checkpointer once the WAL passes 1000 pages")
    func backgroundCheckpoints() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data, projections: [])
        defer { store.close() }
        let big = String(repeating: "c", count: 3_000)
        for i in 0..<2_000 { try store.append(.orderAccepted(id: "\(big)\(i)", quantity: 1), timeNanoseconds: 0) }
        try store.flush()
        // The request is asynchronous: poll the counter (bounded), never sleep for a fixed time.
        let deadline = FileSystem.monotonicNanoseconds() + 20_000_000_000
        while store.backgroundCheckpointCount == 0 && FileSystem.monotonicNanoseconds() < deadline { sched_yield() }
        #expect(store.backgroundCheckpointCount >= 1)
    }

    @Test("events numbered by the producer must continue the journal exactly")
    func expectedSequence() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var store = try openStore(dir.data)
        #expect(try store.append(.orderAccepted(id: "a", quantity: 1), sequence: 1, timeNanoseconds: 0) == 1)
        let gap = #expect(throws: StoreError.self) { try store.append(.cancelled(id: "a"), sequence: 3, timeNanoseconds: 0) }
        #expect(gap?.kind == .sequenceMismatch)
        let repeated = #expect(throws: StoreError.self) { try store.append(.cancelled(id: "a"), sequence: 1, timeNanoseconds: 0) }
        #expect(repeated?.kind == .sequenceMismatch)
        #expect(store.failure == nil)
        #expect(try store.append(.cancelled(id: "a"), sequence: 2, timeNanoseconds: 0) == 2)
        store.close()
        // After a restart the producer continues from the journal's last sequence.
        store = try openStore(dir.data)
        defer { store.close() }
        #expect(try store.append(.orderAccepted(id: "b", quantity: 1), sequence: store.startupReport.lastSequence + 1,
                                 timeNanoseconds: 0) == 3)
    }

    @Test("an event the codec cannot encode is refused to its producer and the store keeps going")
    func encodeFailure() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try EventStore(directory: dir.data, codec: PickyCodec(), projections: [])
        defer { store.close() }
        let error = #expect(throws: StoreError.self) { try store.append(.cancelled(id: "refuse"), timeNanoseconds: 0) }
        #expect(error?.kind == .codec)
        #expect(try store.appendAndWait(.cancelled(id: "fine"), timeNanoseconds: 0) == 1)
        #expect(store.failure == nil)
    }

    @Test("a stored payload that no longer decodes is reported with its sequence, not skipped")
    func decodeFailure() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data, projections: [])
        try store.appendAndWait(.cancelled(id: "a"), timeNanoseconds: 0)
        store.close()
        do {
            let db = try SQLiteConnection(path: dir.data + "/tradebot.db", readOnly: false, configuration: StoreConfiguration())
            defer { db.close() }
            try db.statement("INSERT INTO events(seq, time_ns, type, payload_version, payload) VALUES(?, ?, ?, ?, ?)")
                .run([.integer(2), .integer(0), .text("Filled"), .integer(1), .blob(Array("garbage".utf8))])
        }
        let reopened = try openStore(dir.data, projections: [])
        defer { reopened.close() }
        let error = #expect(throws: StoreError.self) { try reopened.replay(after: 0) { _ in } }
        #expect(error?.kind == .codec)
        #expect(error?.message.contains("event 2") == true)
        #expect(error?.path == dir.data + "/tradebot.db")
    }
}

/// Refuses to encode orders named "refuse".
struct PickyCodec: EventCodec {
    func typeName(of event: TestEvent) -> String { TestCodec().typeName(of: event) }
    func encode(_ event: TestEvent) throws -> [UInt8] {
        if case .cancelled(let id) = event, id == "refuse" { throw TestCodecError(description: "refused") }
        return try TestCodec().encode(event)
    }
    func decode(typeName: String, payloadVersion: Int, payload: [UInt8]) throws -> TestEvent {
        try TestCodec().decode(typeName: typeName, payloadVersion: payloadVersion, payload: payload)
    }
}
