import ArgumentParser
import TradingServices

/// Exit statuses of the offline maintenance commands, so scripts and drills can tell a bad backup
/// from a running server: 0 done, 1 failed (I/O, missing directory, bad setting),
/// 2 the backup failed verification, 3 refused because a server holds the data directory.
enum MaintenanceExit {
    static func fail(_ error: MaintenanceError) -> ExitCode {
        BlockingPhase.write("error: \(error.message)\n")
        switch error.kind {
        case .verificationFailed: return ExitCode(2)
        case .refused: return ExitCode(3)
        case .configuration, .notFound, .failed: return ExitCode(1)
        }
    }

    /// The data directory after flag > `TRADEBOT_DATA_DIR` > the server's default (`var`).
    static func dataDirectory(_ flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let value = environment[ServerConfiguration.Variable.dataDirectory], !value.isEmpty { return value }
        return ServerConfiguration().dataDirectory
    }
}
