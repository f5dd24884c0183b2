import ArgumentParser
import RPCCore
import TradingProtocol

/// `tradectl backup create [--note text] [--verify]`: an online backup now.
struct BackupCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Make an online backup now; prints its id and path.",
        discussion: "Exit status: 0 created (and verified with --verify), 1 the call failed, 2 --verify found the new backup bad.")

    @OptionGroup var options: ClientOptions
    @OptionGroup var backupOptions: BackupCommand.Options

    @Option(help: ArgumentHelp("Free text stored with the backup (at most 1024 bytes).", valueName: "text"))
    var note: String = ""

    @Flag(help: "Verify the new backup afterwards (checksums, integrity_check, last sequence).")
    var verify = false

    func run() async throws {
        try await reportingFailures {
            let (rpc, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            let admin = TradebotV1.Admin.Client(rpc)
            var request = TradebotV1.CreateBackupRequest()
            request.note = note
            let callOptions = try await BackupCommand.callOptions(seconds: backupOptions.wait, options, client: rpc)
            let response = try await CallProgress.run("server is copying the database (online backup)", quiet: backupOptions.quiet) {
                do throws(RPCError) { return try await admin.createBackup(request, options: callOptions) } catch {
                    throw CommandFailure(error)
                }
            }
            var backup = response.backup ?? TradebotV1.Backup()
            var detail: String?
            if verify {
                var verifyRequest = TradebotV1.VerifyBackupRequest()
                verifyRequest.backupID = backup.backupID
                let verified = try await BackupVerifyCommand.call(admin, verifyRequest, quiet: backupOptions.quiet,
                                                                  options: try await BackupCommand.callOptions(seconds: backupOptions.wait, options, client: rpc))
                backup = verified.backup ?? backup
                detail = verified.detail
            }
            if options.json {
                var fields = BackupPrinter.object(backup)
                if let detail { fields["detail"] = detail }
                print(BackupPrinter.json(fields))
            } else {
                print("created backup \(backup.backupID)")
                print("  path \(backup.path)")
                print("  size \(BackupPrinter.size(backup.sizeBytes)), sha256 \(backup.sha256)")
                if let detail { print("  verified: \(detail)") }
            }
        }
    }
}
