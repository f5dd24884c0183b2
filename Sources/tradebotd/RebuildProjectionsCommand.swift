import ArgumentParser
import Foundation
import TradingServices

/// `tradebotd rebuild-projections`: drops the read models of a stopped server's data directory and
/// rebuilds them from the event journal, the source of truth.
struct RebuildProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild-projections",
        abstract: "Rebuild the read models (orders, positions, users, ...) from the journal, offline.",
        discussion: """
        Runs the same startup checks as the server (lock, quick_check, migrations). Exit status: \
        0 rebuilt, 1 failed, 3 a server is running on the data directory.
        """)

    @Option(help: ArgumentHelp("Data directory (default $TRADEBOT_DATA_DIR or ./var).", valueName: "dir"))
    var dataDir: String?

    func run() async throws {
        let directory = MaintenanceExit.dataDirectory(dataDir, environment: ProcessInfo.processInfo.environment)
        let result = await BlockingPhase.run("rebuilding projections in \(directory)") {
            Result { () throws(MaintenanceError) in
                try DataDirectoryMaintenance.rebuildProjections(dataDirectory: directory)
            }
        }
        switch result {
        case .success(let summary):
            let names = summary.projections.isEmpty ? "none registered in this build" : summary.projections.joined(separator: ", ")
            print("rebuilt projections (\(names)) from \(summary.lastSequence) journal events in \(String(format: "%.2f", summary.seconds)) s")
        case .failure(let error):
            throw MaintenanceExit.fail(error)
        }
    }
}
