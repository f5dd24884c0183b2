import Foundation
import Testing
import TradingProtocol
@testable import TradingServices

@Suite("Offline restore, verify and rebuild")
struct DataDirectoryMaintenanceTests {
    @Test("Restore is refused while a server holds the directory, and a restored directory starts at the backup's sequence")
    func restoreAndStart() async throws {
        let s = try await BackupTestServer.start()
        defer { s.remove() }
        try s.appendEvents(12)
        let backup = try #require(try await s.admin.createBackup(.init()).backup)
        try s.appendEvents(3)  // after the backup: not in the restored journal

        let refused = #expect(throws: MaintenanceError.self) {
            try DataDirectoryMaintenance.restore(backup: backup.path, into: s.dataDirectory, environment: [:])
        }
        #expect(refused?.kind == .refused)
        #expect(refused?.message.contains(s.dataDirectory) == true)
        await s.stop()

        let target = s.directory + "/restored"
        let summary = try DataDirectoryMaintenance.restore(backup: backup.path, into: target + "/data", environment: [:])
        #expect(summary.lastSequence == 12)
        #expect(summary.previousFilesMovedTo == nil)
        let verified = try DataDirectoryMaintenance.verify(backup: backup.path, environment: [:])
        #expect(verified.lastSequence == 12)

        let restarted = try await BackupTestServer.start(directory: target)
        #expect(restarted.committedSequence == 12)
        await restarted.stop()

        let rebuilt = try DataDirectoryMaintenance.rebuildProjections(dataDirectory: target + "/data")
        #expect(rebuilt.lastSequence == 12)
    }

    @Test("Missing directories and damaged backups are precise errors naming the path")
    func errors() throws {
        let directory = BackupTestServer.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = #expect(throws: MaintenanceError.self) {
            try DataDirectoryMaintenance.restore(backup: directory + "/nope", into: directory + "/d", environment: [:])
        }
        #expect(missing?.kind == .notFound)
        #expect(missing?.message.contains(directory + "/nope") == true)

        try FileManager.default.createDirectory(atPath: directory + "/b", withIntermediateDirectories: true)
        let noManifest = #expect(throws: MaintenanceError.self) {
            try DataDirectoryMaintenance.verify(backup: directory + "/b", environment: [:])
        }
        #expect(noManifest?.kind == .verificationFailed)
        #expect(noManifest?.message.contains(directory + "/b/manifest.json") == true)

        let noDatabase = #expect(throws: MaintenanceError.self) {
            try DataDirectoryMaintenance.rebuildProjections(dataDirectory: directory + "/b")
        }
        #expect(noDatabase?.kind == .notFound)
        #expect(!FileManager.default.fileExists(atPath: directory + "/b/tradebot.db"))
    }
}
