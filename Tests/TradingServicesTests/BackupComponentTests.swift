import Foundation
import RPCCore
import Testing
import TradingProtocol
@testable import TradingServices

@Suite("Backup RPCs on a running server")
struct BackupComponentTests {
    @Test("CreateBackup, ListBackups and VerifyBackup round-trip while the journal keeps its events")
    func createListVerify() async throws {
        let s = try await BackupTestServer.start()
        defer { s.remove() }
        try s.appendEvents(25)
        var request = TradebotV1.CreateBackupRequest()
        request.note = "before upgrade"
        let created = try #require(try await s.admin.createBackup(request).backup)
        #expect(BackupID(created.backupID) != nil)
        #expect(created.path == s.dataDirectory + "/backups/" + created.backupID)
        #expect(created.note == "before upgrade")
        #expect(created.sizeBytes > 0 && created.sha256.count == 64)
        #expect(created.createdAt != nil)
        #expect(!created.verified)
        let manifest = try String(contentsOfFile: created.path + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"lastSequence\" : 25"))

        let listed = try await s.admin.listBackups().backups
        #expect(listed.map(\.backupID) == [created.backupID])
        #expect(listed.first?.note == "before upgrade")

        var verify = TradebotV1.VerifyBackupRequest()
        verify.backupID = created.backupID
        let verified = try await s.admin.verifyBackup(verify)
        #expect(verified.ok)
        #expect(verified.detail.contains("last sequence 25"))
        #expect(verified.backup?.verified == true && verified.backup?.verifiedAt != nil)
        #expect(try await s.admin.listBackups().backups.first?.verified == true)
        let metrics = s.server.metrics.renderPrometheus()
        #expect(metrics.contains("tradebot_backup_last_success_timestamp_seconds"))
        #expect(!metrics.contains("tradebot_backup_last_verified_timestamp_seconds 0\n"))
        await s.stop()
    }

    @Test("VerifyBackup with test_restore restores into a scratch directory, opens it, and cleans up")
    func testRestore() async throws {
        let s = try await BackupTestServer.start()
        defer { s.remove() }
        try s.appendEvents(7)
        _ = try await s.admin.createBackup(.init())
        var verify = TradebotV1.VerifyBackupRequest()
        verify.testRestore = true  // empty id: the newest backup
        let response = try await s.admin.verifyBackup(verify)
        #expect(response.ok)
        #expect(response.detail.contains("test restore opened the journal at sequence 7"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.dataDirectory).filter { $0.hasPrefix(".verify-restore") }
        #expect(leftovers.isEmpty)
        await s.stop()
    }

    @Test("A test-restore scratch directory left by a crash is removed at start")
    func leftoverScratch() async throws {
        let directory = BackupTestServer.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scratch = directory + "/data/.verify-restore-2026-01-01T000000.000Z"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try Data("partial copy".utf8).write(to: URL(fileURLWithPath: scratch + "/tradebot.db"))
        let s = try await BackupTestServer.start(directory: directory)
        #expect(!FileManager.default.fileExists(atPath: scratch))
        await s.stop()
    }

    @Test("A tampered backup fails VerifyBackup with FAILED_PRECONDITION naming the file, and is listed as unverified")
    func tampered() async throws {
        let s = try await BackupTestServer.start()
        defer { s.remove() }
        try s.appendEvents(3)
        let backup = try #require(try await s.admin.createBackup(.init()).backup)
        let file = backup.path + "/tradebot.db"
        let handle = try #require(FileHandle(forUpdatingAtPath: file))
        try handle.seek(toOffset: 4096 + 100)
        try handle.write(contentsOf: Data([0x58]))
        try handle.close()
        var verify = TradebotV1.VerifyBackupRequest()
        verify.backupID = backup.backupID
        let error = await #expect(throws: RPCError.self) { try await s.admin.verifyBackup(verify) }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains(file) == true)
        #expect(error?.message.contains("SHA-256") == true)
        #expect(try await s.admin.listBackups().backups.first?.verified == false)
        await s.stop()
    }

    @Test("A broken manifest fails verification naming manifest.json")
    func brokenManifest() async throws {
        let s = try await BackupTestServer.start()
        defer { s.remove() }
        let backup = try #require(try await s.admin.createBackup(.init()).backup)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: backup.path + "/manifest.json"))
        var verify = TradebotV1.VerifyBackupRequest()
        verify.backupID = backup.backupID
        let error = await #expect(throws: RPCError.self) { try await s.admin.verifyBackup(verify) }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains(backup.path + "/manifest.json") == true)
        // Still listed, with the problem, so an operator sees it.
        let listed = try await s.admin.listBackups().backups
        #expect(listed.first?.note.contains("unreadable manifest") == true)
        await s.stop()
    }

    @Test("Backup ids are validated before touching the file system", arguments: [
        ("../../etc", Status.Code.invalidArgument),
        ("20261124T233012.345Z/..", .invalidArgument),
        ("latest", .invalidArgument),
        ("20200101T000000.000Z", .notFound),
    ])
    func ids(id: String, code: Status.Code) async throws {
        let s = try await BackupTestServer.start()
        defer { s.remove() }
        _ = try await s.admin.createBackup(.init())
        var verify = TradebotV1.VerifyBackupRequest()
        verify.backupID = id
        let error = await #expect(throws: RPCError.self) { try await s.admin.verifyBackup(verify) }
        #expect(error?.code == code)
        #expect(error?.message.contains(id) == true)
        await s.stop()
    }

    @Test("Verifying the newest backup when there is none is NOT_FOUND; a bad note is INVALID_ARGUMENT")
    func emptyAndBadNote() async throws {
        let s = try await BackupTestServer.start()
        defer { s.remove() }
        let none = await #expect(throws: RPCError.self) { try await s.admin.verifyBackup(.init()) }
        #expect(none?.code == .notFound)
        #expect(try await s.admin.listBackups().backups.isEmpty)
        var request = TradebotV1.CreateBackupRequest()
        request.note = String(repeating: "x", count: BackupComponent.maxNoteBytes + 1)
        let long = await #expect(throws: RPCError.self) { try await s.admin.createBackup(request) }
        #expect(long?.code == .invalidArgument)
        request.note = "line\nbreak"
        let control = await #expect(throws: RPCError.self) { try await s.admin.createBackup(request) }
        #expect(control?.code == .invalidArgument)
        await s.stop()
    }

    @Test("Retention keeps the newest N backups")
    func retention() async throws {
        let s = try await BackupTestServer.start(BackupConfiguration(interval: nil, retain: 2))
        defer { s.remove() }
        var ids: [String] = []
        for n in 0..<4 {
            try s.appendEvents(1)
            var request = TradebotV1.CreateBackupRequest()
            request.note = "n\(n)"
            ids.append(try #require(try await s.admin.createBackup(request).backup).backupID)
        }
        let listed = try await s.admin.listBackups().backups
        #expect(listed.map(\.backupID) == Array(ids.suffix(2)))
        #expect(listed.map(\.note) == ["n2", "n3"])
        await s.stop()
    }

    @Test("An encrypted backup verifies with the key; a server without the key reports FAILED_PRECONDITION")
    func encrypted() async throws {
        let key = String(repeating: "ab", count: 32)
        let config = try BackupConfiguration(environment: ["TRADEBOT_BACKUP_KEY": key, "TRADEBOT_BACKUP_INTERVAL": "off"])
        let directory = BackupTestServer.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let s = try await BackupTestServer.start(config, directory: directory)
        try s.appendEvents(4)
        let backup = try #require(try await s.admin.createBackup(.init()).backup)
        #expect(FileManager.default.fileExists(atPath: backup.path + "/tradebot.db.enc"))
        #expect(!FileManager.default.fileExists(atPath: backup.path + "/tradebot.db"))
        var verify = TradebotV1.VerifyBackupRequest()
        verify.backupID = backup.backupID
        verify.testRestore = true
        #expect(try await s.admin.verifyBackup(verify).ok)
        await s.stop()

        let keyless = try await BackupTestServer.start(BackupConfiguration(interval: nil), directory: directory)
        let error = await #expect(throws: RPCError.self) { try await keyless.admin.verifyBackup(verify) }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("tradebot.db.enc") == true)
        #expect(error?.message.contains("TRADEBOT_BACKUP_KEY") == true)
        await keyless.stop()
    }

    @Test("A failed scheduled backup is reported, counted, and tried again")
    func scheduleFailure() async throws {
        let (stream, continuation) = AsyncStream<Result<BackupRecord, BackupFailure>>.makeStream()
        let directory = BackupTestServer.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A regular file where the backups directory belongs: every backup fails.
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: directory + "/data/backups"))
        let s = try await BackupTestServer.start(BackupConfiguration(interval: .milliseconds(100), retain: 2),
                                                 directory: directory) { continuation.yield($0) }
        var failures = 0
        for await outcome in stream {
            guard case .failure(let failure) = outcome else { Issue.record("a backup succeeded"); break }
            #expect(failure.description.contains(directory + "/data/backups"))
            failures += 1
            if failures == 2 { break }
        }
        let line = s.server.metrics.renderPrometheus().split(separator: "\n")
            .first { $0.hasPrefix("tradebot_backup_failures_total ") }
        let count = line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
        #expect(count >= 2)  // more may have failed since: the schedule keeps retrying
        await s.stop()
    }

    @Test("Scheduled backups run on the interval, are verified, and retention keeps the newest N")
    func schedule() async throws {
        let (stream, continuation) = AsyncStream<Result<BackupRecord, BackupFailure>>.makeStream()
        let s = try await BackupTestServer.start(BackupConfiguration(interval: .milliseconds(150), retain: 2)) {
            continuation.yield($0)
        }
        defer { s.remove() }
        try s.appendEvents(5)
        var outcomes: [Result<BackupRecord, BackupFailure>] = []
        for await outcome in stream {
            outcomes.append(outcome)
            if outcomes.count == 3 { break }
        }
        await s.stop()
        for outcome in outcomes {
            let record = try outcome.get()
            #expect(record.verified)
            #expect(record.annotations.note == "scheduled")
        }
        let listed = try FileManager.default.contentsOfDirectory(atPath: s.dataDirectory + "/backups")
            .filter { BackupID($0) != nil }
        #expect(listed.count == 2)
        // Retention keeps the newest: the first of three is gone and the newest kept is at least as
        // new as the third (on a loaded machine more may have run before `stop`, so compare by time
        // order; backup ids are UTC timestamps and sort as text).
        let first = try #require(try outcomes.first?.get())
        let last = try #require(try outcomes.last?.get())
        #expect(!listed.contains(first.id))
        #expect((listed.max() ?? "") >= last.id)
    }
}
