import ArgumentParser
import Foundation
import TradingServices

/// `tradebotd verify-backup <backup dir>`: checks a backup offline, e.g. a copy fetched from
/// off-site storage, before relying on it. Changes nothing.
struct VerifyBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-backup",
        abstract: "Verify a backup directory: manifest, checksums, decryption, integrity_check, last sequence.",
        discussion: """
        An encrypted backup needs its key in TRADEBOT_BACKUP_KEY or TRADEBOT_BACKUP_KEY_FILE. \
        Exit status: 0 verified, 1 failed to run, 2 the backup failed verification.
        """)

    @Argument(help: ArgumentHelp("Backup directory (contains manifest.json).", valueName: "dir"))
    var backup: String

    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let backup = self.backup
        let result = await BlockingPhase.run("verifying \(backup) (checksums, integrity_check, last sequence)") {
            Result { () throws(MaintenanceError) in
                try DataDirectoryMaintenance.verify(backup: backup, environment: environment)
            }
        }
        let summary: DataDirectoryMaintenance.VerifySummary
        switch result {
        case .success(let value): summary = value
        case .failure(let error): throw MaintenanceExit.fail(error)
        }
        if json {
            let fields: [String: Any] = [
                "backup": summary.backup, "ok": true, "last_sequence": summary.lastSequence,
                "schema_version": summary.schemaVersion, "created_at": summary.createdAt,
                "encrypted": summary.encrypted, "size_bytes": summary.bytes, "detail": summary.detail,
                "seconds": summary.seconds,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("OK \(summary.backup): \(summary.detail)")
            print("  created \(summary.createdAt), \(summary.bytes) bytes, took \(String(format: "%.2f", summary.seconds)) s")
        }
    }
}
