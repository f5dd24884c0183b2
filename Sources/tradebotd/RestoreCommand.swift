import ArgumentParser
import Foundation
import TradingServices

/// `tradebotd restore --from <backup dir> [--data-dir <dir>]`: the offline restore.
///
/// Verifies the backup completely first; refuses while a server holds the data directory; moves
/// any existing database aside (never deletes it). Then start `tradebotd` on the directory.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a stopped or empty data directory (verifies it first).",
        discussion: """
        An encrypted backup needs its key in TRADEBOT_BACKUP_KEY or TRADEBOT_BACKUP_KEY_FILE. \
        Existing database files are moved to <data>/pre-restore-<stamp>/. Exit status: 0 restored, \
        1 failed, 2 the backup failed verification (nothing was changed), 3 a server is running on \
        the data directory. See docs/DISASTER_RECOVERY.md.
        """)

    @Option(help: ArgumentHelp("Backup directory (contains manifest.json).", valueName: "dir"))
    var from: String

    @Option(help: ArgumentHelp("Data directory to restore into (default $TRADEBOT_DATA_DIR or ./var).", valueName: "dir"))
    var dataDir: String?

    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let target = MaintenanceExit.dataDirectory(dataDir, environment: environment)
        let backup = from
        let result = await BlockingPhase.run("restoring \(backup) into \(target) (verify, copy, swap)") {
            Result { () throws(MaintenanceError) in
                try DataDirectoryMaintenance.restore(backup: backup, into: target, environment: environment)
            }
        }
        let summary: DataDirectoryMaintenance.RestoreSummary
        switch result {
        case .success(let value): summary = value
        case .failure(let error): throw MaintenanceExit.fail(error)
        }
        if json {
            let fields: [String: Any] = [
                "backup": summary.backup, "data_dir": summary.dataDirectory, "last_sequence": summary.lastSequence,
                "schema_version": summary.schemaVersion, "created_at": summary.createdAt, "encrypted": summary.encrypted,
                "previous_files_moved_to": summary.previousFilesMovedTo ?? NSNull(), "seconds": summary.seconds,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("restored \(summary.backup) into \(summary.dataDirectory)")
            print("  backup created \(summary.createdAt), schema version \(summary.schemaVersion), last sequence \(summary.lastSequence)\(summary.encrypted ? ", encrypted" : "")")
            if let aside = summary.previousFilesMovedTo {
                print("  previous database files moved to \(aside) (kept; delete once the restored server is confirmed good)")
            }
            print("  took \(String(format: "%.2f", summary.seconds)) s; now start tradebotd with TRADEBOT_DATA_DIR=\(summary.dataDirectory)")
        }
    }
}
