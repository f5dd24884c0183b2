import Dispatch
import Foundation
import Testing
@testable import Persistence

/// Snapshots live in `snapshots.db`, written on their own connection: the journal writer never
/// waits for them, old data directories' snapshots (in the journal's table) are still found, and
/// a damaged snapshot file never stops the store from opening.
@Suite("Snapshot database", .serialized)
struct SnapshotStoreTests {
    @Test("journal commits go on while a snapshot save is blocked on its own database")
    func commitsDoNotWaitForSnapshots() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = StoreConfiguration()
        configuration.busyTimeoutMilliseconds = 10_000
        let store = try openStore(dir.data, configuration: configuration)
        defer { store.close() }
        let first = try store.appendAndWait(.scripted(0), timeNanoseconds: 0)
        // Another connection holds the snapshot database's write lock: a save must wait for it.
        let blocker = try SQLiteConnection(path: dir.data + "/" + SnapshotStore.fileName, readOnly: false,
                                           configuration: configuration)
        try blocker.exec("BEGIN IMMEDIATE")
        let saved = DispatchSemaphore(value: 0)
        let outcome = LockedBox<String?>(nil)
        Thread {
            do throws(StoreError) {
                try store.saveSnapshot([9], format: "t/1", through: first)
                outcome.set("stored")
            } catch { outcome.set("failed: \(error)") }
            saved.signal()
        }.start()
        // While the save is stuck, 50 durable appends complete (each waits for its commit).
        let started = DispatchTime.now().uptimeNanoseconds
        for n in Int64(1)...50 { try store.appendAndWait(.scripted(n), timeNanoseconds: n) }
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        #expect(outcome.get() == nil, "the save finished although its database was locked")
        #expect(elapsed < 8_000_000_000)
        try blocker.exec("COMMIT")
        blocker.close()
        saved.wait()
        #expect(outcome.get() == "stored")
        #expect(try store.latestSnapshot()?.data == [9])
        #expect(try store.snapshotSequences() == [first])
    }

    @Test("a snapshot of an appended but uncommitted sequence waits for its commit; one beyond the journal is refused")
    func sequenceChecks() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        defer { store.close() }
        var last: Int64 = 0
        for n in Int64(0)..<500 { last = try store.append(.scripted(n), timeNanoseconds: n) }
        try store.saveSnapshot([1], format: "t/1", through: last)
        #expect(store.committedSequence >= last)
        let error = #expect(throws: StoreError.self) { try store.saveSnapshot([2], format: "t/1", through: last + 1) }
        #expect(error?.kind == .invalidArgument)
        #expect(try store.snapshotSequences() == [last])
    }

    @Test("an old data directory's snapshots (in the journal's table) are read; a newer one in snapshots.db wins")
    func legacySnapshots() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        do {
            let store = try openStore(dir.data)
            for n in Int64(0)..<100 { try store.append(.scripted(n), timeNanoseconds: n) }
            try store.flush()
            store.close()
        }
        // What an earlier build left: rows in the journal's `snapshots` table, no snapshots.db.
        try FileManager.default.removeItem(atPath: dir.data + "/" + SnapshotStore.fileName)
        let journal = try SQLiteConnection(path: dir.data + "/tradebot.db", readOnly: false, configuration: StoreConfiguration())
        try journal.statement("INSERT INTO snapshots(seq, created_ns, format, data) VALUES(?, ?, ?, ?)")
            .run([.integer(40), .integer(1), .text("t/1"), .blob([40])])
        try journal.statement("INSERT INTO snapshots(seq, created_ns, format, data) VALUES(?, ?, ?, ?)")
            .run([.integer(80), .integer(2), .text("t/1"), .blob([80])])
        journal.close()

        let store = try openStore(dir.data)
        defer { store.close() }
        #expect(try store.latestSnapshot()?.data == [80])
        #expect(try store.latestSnapshot(before: 80)?.data == [40])
        try store.saveSnapshot([60], format: "t/1", through: 60)
        // The legacy 80 is newer than the new 60: the newest of both sources is used.
        #expect(try store.latestSnapshot()?.sequence == 80)
        #expect(try store.latestSnapshot(before: 80)?.data == [60])
        #expect(try store.latestSnapshot(before: 60)?.data == [40])
        try store.saveSnapshot([90], format: "t/1", through: 90)
        #expect(try store.latestSnapshot()?.data == [90])
    }

    @Test("a damaged snapshots.db is moved aside with a warning and the store opens with a fresh one")
    func damagedFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        do {
            let store = try openStore(dir.data)
            try store.appendAndWait(.scripted(0), timeNanoseconds: 0)
            try store.saveSnapshot([1], format: "t/1", through: 1)
            store.close()
        }
        let path = dir.data + "/" + SnapshotStore.fileName
        writeBytes(Array(repeating: 0x5A, count: 4_096), to: path)
        let store = try openStore(dir.data)
        defer { store.close() }
        #expect(store.startupReport.warnings.contains { $0.contains("snapshots.db") && $0.contains("unreadable") })
        #expect(try store.latestSnapshot() == nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.data)
        #expect(names.contains { $0.hasPrefix("snapshots.db.unreadable-") })
        try store.saveSnapshot([2], format: "t/1", through: 1)
        #expect(try store.latestSnapshot()?.data == [2])
    }
}

/// A value shared with a test thread.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
