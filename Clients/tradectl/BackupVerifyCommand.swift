import ArgumentParser
import Foundation
import RPCCore
import TradingProtocol

/// `tradectl backup verify [id] [--test-restore]`: has the server check a backup.
struct BackupVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a backup on the server (default: the newest).",
        discussion: """
        Checks the manifest, each file's SHA-256, decryption, integrity_check, schema version and last \
        sequence; --test-restore also restores it into a scratch directory and opens it like a starting \
        server. Exit status: 0 verified, 1 the call failed (e.g. NOT_FOUND), 2 the backup failed verification.
        """)

    @OptionGroup var options: ClientOptions
    @OptionGroup var backupOptions: BackupCommand.Options

    @Argument(help: ArgumentHelp("Backup id (its directory name, e.g. 20261124T233012.345Z); default the newest.", valueName: "id"))
    var id: String = ""

    @Flag(name: .customLong("test-restore"), help: "Also restore into a scratch directory and open it.")
    var testRestore = false

    func run() async throws {
        try await reportingFailures {
            let (rpc, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            var request = TradebotV1.VerifyBackupRequest()
            request.backupID = id
            request.testRestore = testRestore
            let response = try await Self.call(TradebotV1.Admin.Client(rpc), request, quiet: backupOptions.quiet,
                                               options: try await BackupCommand.callOptions(seconds: backupOptions.wait, options, client: rpc))
            let backup = response.backup ?? TradebotV1.Backup()
            if options.json {
                var fields = BackupPrinter.object(backup)
                fields["ok"] = response.ok
                fields["detail"] = response.detail
                print(BackupPrinter.json(fields))
            } else {
                print("OK \(backup.backupID): \(response.detail)")
            }
        }
    }

    /// Calls VerifyBackup with progress; a backup that fails verification (FAILED_PRECONDITION)
    /// prints `error: ...` and exits 2, any other failure exits 1.
    static func call(_ admin: TradebotV1.Admin.Client, _ request: TradebotV1.VerifyBackupRequest, quiet: Bool,
                     options: CallOptions) async throws -> TradebotV1.VerifyBackupResponse {
        let phase = "server is verifying \(request.backupID.isEmpty ? "the newest backup" : request.backupID)"
            + (request.testRestore ? " (checks, then a test restore)" : " (checksums, integrity_check, last sequence)")
        return try await CallProgress.run(phase, quiet: quiet) {
            do throws(RPCError) { return try await admin.verifyBackup(request, options: options) } catch {
                if error.code == .failedPrecondition {
                    FileHandle.standardError.write(Data("error: \(error.code.name): \(error.message)\n".utf8))
                    throw ExitCode(2)
                }
                throw CommandFailure(error)
            }
        }
    }
}
