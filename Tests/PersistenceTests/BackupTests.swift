import Dispatch
import Foundation
import Testing
@testable import Persistence
#if canImport(Glibc)
import Glibc
#endif

@Suite("Backups, verification and restore")
struct BackupTests {
    static let keyA = BackupKey(uncheckedBytes: Array(repeating: 0x11, count: 32))
    static let keyB = BackupKey(uncheckedBytes: Array(repeating: 0x22, count: 32))

    /// A running store with `count` scripted events and a snapshot.
    func running(_ dir: TemporaryDirectory, count: Int64 = 3_000) throws -> EventStore<TestCodec> {
        let store = try openStore(dir.data)
        for n in Int64(0)..<count { try store.append(.scripted(n), timeNanoseconds: n) }
        try store.flush()
        try store.saveSnapshot([1, 2, 3], format: "t/1", through: count)
        return store
    }

    @Test("an online backup while appending, then verify and restore into an empty directory, recovers the same journal and projections",
          arguments: [false, true])
    func roundTrip(encrypted: Bool) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir)
        let key = encrypted ? Self.keyA : nil
        let manager = BackupManager(dataDirectory: dir.data, toolVersion: "test 1")
        // Appends continue while the backup copies (the writer is never stopped).
        let background = Thread {
            for n in Int64(3_000)..<3_500 { _ = try? store.append(.scripted(n), timeNanoseconds: n) }
        }
        background.start()
        let created = try manager.create(key: key)
        try store.flush()
        let projections = try projectionDump(store)
        store.close()

        let manifest = created.manifest
        #expect(created.path.hasPrefix(dir.data + "/backups/"))
        #expect(manifest.lastSequence >= 3_000)
        #expect(manifest.schemaVersion == Schema.currentVersion)
        #expect(manifest.toolVersion == "test 1")
        #expect((manifest.encryption != nil) == encrypted)
        #expect(manifest.files.count == 1)
        #expect(manifest.databaseFile == (encrypted ? "tradebot.db.enc" : "tradebot.db"))
        #expect(manifest.files[0].sha256 == (try SHA256Digest.file(created.path + "/" + manifest.databaseFile)))
        #expect(try manager.verify(created.path, key: key) == manifest)
        let names = try FileManager.default.contentsOfDirectory(atPath: created.path).sorted()
        #expect(names == [manifest.databaseFile, "manifest.json"].sorted())

        let target = dir.path + "/restored"
        let restored = try BackupManager.restore(created.path, into: target, key: key)
        #expect(restored.previousFilesMovedTo == nil)
        let again = try openStore(target)
        defer { again.close() }
        #expect(again.startupReport.lastSequence == manifest.lastSequence)
        let reader = try again.makeReader()
        defer { reader.close() }
        #expect(try reader.events(after: 0, limit: 10_000).map(\.event) == (0..<manifest.lastSequence).map { TestEvent.scripted($0) })
        // The newest snapshot the copy covers travels inside it (the journal's own table).
        #expect(try again.latestSnapshot()?.data == [1, 2, 3])
        #expect(try again.snapshotSequences() == [])
        if manifest.lastSequence == 3_500 { #expect(try projectionDump(again) == projections) }
        // Projections in the copy equal a rebuild of the copy's journal.
        let copied = try projectionDump(again)
        try again.rebuildProjections()
        #expect(try projectionDump(again) == copied)
    }

    @Test("a tampered database file fails verification with the file named", arguments: [false, true])
    func tampered(encrypted: Bool) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 200)
        let key = encrypted ? Self.keyA : nil
        let created = try BackupManager(dataDirectory: dir.data).create(key: key)
        store.close()
        let file = created.path + "/" + created.manifest.databaseFile
        var bytes = fileBytes(file)
        bytes[bytes.count / 2] ^= 0x01
        writeBytes(bytes, to: file)
        let error = #expect(throws: StoreError.self) { try BackupManager(dataDirectory: dir.data).verify(created.path, key: key) }
        #expect(error?.kind == .checksumMismatch)
        #expect(error?.path == file)
        // Restore refuses it too and leaves the target empty.
        let target = dir.path + "/restored"
        #expect(throws: StoreError.self) { try BackupManager.restore(created.path, into: target, key: key) }
        #expect(!FileManager.default.fileExists(atPath: target + "/tradebot.db"))
    }

    @Test("a tampered ciphertext with a matching manifest fails authentication")
    func tamperedCiphertextAndManifest() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 200)
        let manager = BackupManager(dataDirectory: dir.data)
        let created = try manager.create(key: Self.keyA)
        store.close()
        let file = created.path + "/" + created.manifest.databaseFile
        var bytes = fileBytes(file)
        bytes[100] ^= 0x80
        writeBytes(bytes, to: file)
        // An attacker also fixes up the manifest's checksum: GCM still catches it.
        var manifest = created.manifest
        manifest.files[0].sha256 = try SHA256Digest.file(file)
        writeBytes(try manifest.encoded(), to: created.path + "/manifest.json")
        let error = #expect(throws: StoreError.self) { try manager.verify(created.path, key: Self.keyA) }
        #expect(error?.kind == .decryptionFailed)
        #expect(error?.path == file)
        #expect(try FileManager.default.contentsOfDirectory(atPath: created.path).sorted() == ["manifest.json", "tradebot.db.enc"])
    }

    @Test("a manifest that does not parse, or is missing, is a clear error naming it",
          arguments: ["{ not json", "{\"format\": \"tradebot-backup/1\"}", "", nil])
    func badManifest(content: String?) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 10)
        let manager = BackupManager(dataDirectory: dir.data)
        let created = try manager.create()
        store.close()
        let path = created.path + "/manifest.json"
        if let content { writeBytes(Array(content.utf8), to: path) } else { try FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: StoreError.self) { try manager.verify(created.path) }
        #expect(error?.kind == .manifestInvalid)
        #expect(error?.path == path)
        #expect(try manager.list().first?.problem != nil)
    }

    @Test("an encrypted backup needs the right key", arguments: [0, 1])
    func wrongKey(variant: Int) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 50)
        let manager = BackupManager(dataDirectory: dir.data)
        let created = try manager.create(key: Self.keyA)
        store.close()
        let error = #expect(throws: StoreError.self) {
            try manager.verify(created.path, key: variant == 0 ? Self.keyB : nil)
        }
        #expect(error?.kind == (variant == 0 ? .decryptionFailed : .badKey))
        #expect(error?.path == created.path + "/tradebot.db.enc")
        #expect(try manager.verify(created.path, key: Self.keyA).lastSequence == 50)
    }

    @Test("restore is refused while a server holds the data directory, and keeps the previous files when stopped")
    func restoreTargets() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 100)
        let created = try BackupManager(dataDirectory: dir.data).create()
        for n in Int64(100)..<150 { try store.append(.scripted(n), timeNanoseconds: n) }
        try store.flush()
        let error = #expect(throws: StoreError.self) { try BackupManager.restore(created.path, into: dir.data) }
        #expect(error?.kind == .restoreRefused)
        #expect(error?.path == dir.data)
        store.close()
        let before = fileBytes(dir.data + "/tradebot.db")
        let restored = try BackupManager.restore(created.path, into: dir.data)
        let aside = try #require(restored.previousFilesMovedTo)
        #expect(fileBytes(aside + "/tradebot.db") == before)
        // The snapshots of the replaced state go aside with it; the copy brings its own.
        #expect(FileManager.default.fileExists(atPath: aside + "/snapshots.db"))
        #expect(!FileManager.default.fileExists(atPath: dir.data + "/snapshots.db"))
        let again = try openStore(dir.data)
        defer { again.close() }
        #expect(again.startupReport.lastSequence == 100)
        #expect(try again.latestSnapshot()?.sequence == 100)
    }

    @Test("a backup carries only a snapshot its journal copy covers, and none when snapshots.db is unreadable")
    func snapshotInBackup() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 10)
        store.close()
        // A row beyond the journal (as if stored after the copy was taken) must not travel.
        let snapshots = try SQLiteConnection(path: dir.data + "/snapshots.db", readOnly: false, configuration: StoreConfiguration())
        try snapshots.statement("INSERT INTO snapshots(seq, created_ns, format, data) VALUES(?, ?, ?, ?)")
            .run([.integer(50), .integer(0), .text("t/1"), .blob([5])])
        snapshots.close()
        let manager = BackupManager(dataDirectory: dir.data)
        let covered = try manager.create()
        try BackupManager.restore(covered.path, into: dir.path + "/one")
        let one = try openStore(dir.path + "/one")
        #expect(try one.latestSnapshot().map { [$0.sequence: $0.data] } == [10: [1, 2, 3]])
        one.close()

        writeBytes(Array(repeating: 0x33, count: 8_192), to: dir.data + "/snapshots.db")
        while FileSystem.utcStamp(nanoseconds: FileSystem.nowNanoseconds()) == covered.path.split(separator: "/").last.map(String.init) {}
        let plain = try manager.create()
        #expect(try manager.verify(plain.path).lastSequence == 10)
        try BackupManager.restore(plain.path, into: dir.path + "/two")
        let two = try openStore(dir.path + "/two")
        defer { two.close() }
        #expect(two.startupReport.lastSequence == 10)
        #expect(try two.latestSnapshot() == nil)
    }

    @Test("retention keeps the newest N backups and list reports them oldest first")
    func retention() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 10)
        defer { store.close() }
        let manager = BackupManager(dataDirectory: dir.data)
        var paths: [String] = []
        for i in 0..<4 {
            try store.appendAndWait(.cancelled(id: "r\(i)"), timeNanoseconds: 0)
            // Timestamps have millisecond resolution; wait for the next one rather than sleeping blindly.
            let previous = paths.last.map { String($0.split(separator: "/").last ?? "") }
            while FileSystem.utcStamp(nanoseconds: FileSystem.nowNanoseconds()) == previous {}
            paths.append(try manager.create(retain: 2).path)
        }
        let listed = try manager.list()
        #expect(listed.map(\.path) == Array(paths.suffix(2)))
        #expect(listed.map { $0.manifest?.lastSequence } == [13, 14])
    }

    @Test("backup keys parse from hex, base64 and a private key file, and malformed keys are refused")
    func keys() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let hex = String(repeating: "ab", count: 32)
        let fromHex = try BackupKey(text: hex + "\n", source: "test")
        #expect(fromHex.bytes == Array(repeating: 0xab, count: 32))
        let b64 = Data(Array(repeating: UInt8(0xab), count: 32)).base64EncodedString()
        #expect(try BackupKey.fromEnvironment([BackupKey.environmentVariable: b64])?.bytes == fromHex.bytes)
        #expect(try BackupKey.fromEnvironment([:]) == nil)
        #expect(throws: StoreError.self) { try BackupKey(text: "short", source: "test") }
        let file = dir.path + "/key"
        writeBytes(Array(hex.utf8), to: file)
        #expect(chmod(file, 0o644) == 0)
        let loose = #expect(throws: StoreError.self) { try BackupKey.fromEnvironment([BackupKey.fileEnvironmentVariable: file]) }
        #expect(loose?.kind == .badKey)
        #expect(loose?.path == file)
        #expect(chmod(file, 0o600) == 0)
        #expect(try BackupKey(file: file).bytes == fromHex.bytes)
        #expect(try fromHex.fingerprint.count == 16)
    }

    @Test("the scheduler backs up at start and on demand, reports each result, and stops cleanly")
    func scheduler() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 20)
        defer { store.close() }
        let results = StateLock<[Int64]>([])
        let done = DispatchSemaphore(value: 0)
        let scheduler = BackupScheduler(manager: BackupManager(dataDirectory: dir.data), interval: .seconds(3_600), retain: 5) { result in
            if case .success(let created) = result { results.withLock { $0.append(created.manifest.lastSequence) } }
            done.signal()
        }
        scheduler.start(runImmediately: true)
        done.wait()
        try store.appendAndWait(.cancelled(id: "s"), timeNanoseconds: 0)
        // Backup directories are named by millisecond: wait for the next one rather than sleeping.
        let first = try BackupManager(dataDirectory: dir.data).list().last?.path.split(separator: "/").last.map(String.init)
        while FileSystem.utcStamp(nanoseconds: FileSystem.nowNanoseconds()) == first {}
        scheduler.runNow()
        done.wait()
        scheduler.stop()
        #expect(results.withLock { $0 } == [20, 21])
        #expect(try BackupManager(dataDirectory: dir.data).list().count == 2)
    }

    @Test("a leftover partial backup is never listed and is cleared by the next backup")
    func partialLeftover() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 5)
        defer { store.close() }
        let manager = BackupManager(dataDirectory: dir.data)
        let partial = manager.backupsDirectory + "/20200101T000000.000Z.partial"
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        writeBytes([1, 2, 3], to: partial + "/tradebot.db")
        #expect(try manager.list().isEmpty)
        let created = try manager.create()
        #expect(!FileManager.default.fileExists(atPath: partial))
        #expect(try manager.list().map(\.path) == [created.path])
    }

    @Test("a backup of a stopped server's directory works and leaves no WAL files behind")
    func offlineBackup() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 30)
        store.close()
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.data).sorted()
        let manager = BackupManager(dataDirectory: dir.data)
        let created = try manager.create()
        #expect(created.manifest.lastSequence == 30)
        #expect(try manager.verify(created.path).lastSequence == 30)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.data).sorted() == (before + ["backups"]).sorted())
    }

    @Test("an unencrypted backup checks out with stock sha256sum and the sqlite3 CLI",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum")))
    func stockTools() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try running(dir, count: 40)
        let created = try BackupManager(dataDirectory: dir.data).create()
        store.close()
        func run(_ tool: String, _ arguments: [String], stdin: String? = nil) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: created.path)
            let output = Pipe()
            process.standardOutput = output
            let input = Pipe()
            process.standardInput = input
            try process.run()
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let listing = created.manifest.files.map { "\($0.sha256)  \($0.name)\n" }.joined()
        let (shaStatus, shaOut) = try run("/usr/bin/sha256sum", ["-c", "-"], stdin: listing)
        #expect(shaStatus == 0, "\(shaOut)")
        let (sqlStatus, sqlOut) = try run("/usr/bin/sqlite3", ["-readonly", "tradebot.db",
            "PRAGMA integrity_check; PRAGMA user_version; SELECT max(seq) FROM events;"])
        #expect(sqlStatus == 0)
        #expect(sqlOut == "ok\n\(Schema.currentVersion)\n40\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: created.path).sorted() == ["manifest.json", "tradebot.db"])
    }
}
