import Foundation
import Persistence
import RPCCore
import Testing
import TradingProtocol
@testable import TradingServices

/// Backups made, verified and removed by retention are journaled (`backup.*`) and kept in the
/// `backups` projection, which a rebuild from the journal reproduces.
@Suite("Backups projection", .serialized)
struct BackupsProjectionTests {
    static func rows(_ s: BackupTestServer) throws -> [[SQLValue]] {
        let store = s.server.runtime.store
        try store.flush()
        let reader = try store.makeReader()
        defer { reader.close() }
        return try reader.rows("""
            SELECT backup_id, sha256, size_bytes, last_sequence, encrypted, scheduled, note, verified,
                   verification_detail, removed_reason FROM backups ORDER BY backup_id
            """)
    }

    @Test("create, verify (passed and failed) and retention are journaled and projected; a rebuild gives the same rows")
    func history() async throws {
        let s = try await BackupTestServer.start(BackupConfiguration(interval: nil, retain: 2))
        defer { s.remove() }
        var made: [TradebotV1.Backup] = []
        for n in 0..<3 {
            try s.appendEvents(1)
            var request = TradebotV1.CreateBackupRequest()
            request.note = "n\(n)"
            made.append(try #require(try await s.admin.createBackup(request).backup))
        }
        var verify = TradebotV1.VerifyBackupRequest()
        verify.backupID = made[2].backupID
        #expect(try await s.admin.verifyBackup(verify).ok)
        // Damage the other kept backup: its failed verification is journaled too.
        let damaged = made[1].path + "/tradebot.db"
        let handle = try #require(FileHandle(forWritingAtPath: damaged))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 64))
        try handle.close()
        verify.backupID = made[1].backupID
        await #expect(throws: RPCError.self) { try await s.admin.verifyBackup(verify) }

        let rows = try Self.rows(s)
        #expect(rows.map { $0[0].textValue } == made.map(\.backupID))
        for (row, backup) in zip(rows, made) {
            #expect(row[1].textValue == backup.sha256)
            #expect(row[2].integerValue == Int64(backup.sizeBytes))
            #expect(row[4].integerValue == 0 && row[5].integerValue == 0)
            #expect(row[6].textValue == backup.note)
        }
        // The first was removed by retention when the third was made.
        #expect(rows[0][9].textValue == "retention")
        #expect(rows[1][9] == .null && rows[2][9] == .null)
        #expect(rows[2][7].integerValue == 1)
        #expect(rows[1][7].integerValue == 0)
        #expect(rows[1][8].textValue?.contains(damaged) == true)
        #expect(rows[0][7] == .null)
        // The manifest's last sequence is the journal before the backup's own Created event.
        let manifest = try String(contentsOfFile: made[2].path + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"lastSequence\" : \(rows[2][3].integerValue ?? -1)"))

        try s.server.runtime.store.rebuildProjections()
        #expect(try Self.rows(s) == rows)
        await s.stop()
    }
}
