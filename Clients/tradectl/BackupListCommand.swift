import ArgumentParser
import RPCCore
import TradingProtocol

/// `tradectl backup list`: the server's complete backups, oldest first.
struct BackupListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the server's backups, oldest first.",
        discussion: "With --json, one object per line. Exit status: 0 listed, 1 the call failed.")

    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await reportingFailures {
            let (rpc, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            let callOptions = try await BackupCommand.callOptions(seconds: options.timeout, options, client: rpc)
            let response: TradebotV1.ListBackupsResponse
            do throws(RPCError) {
                response = try await TradebotV1.Admin.Client(rpc).listBackups(options: callOptions)
            } catch {
                throw CommandFailure(error)
            }
            if options.json {
                for backup in response.backups { print(BackupPrinter.json(BackupPrinter.object(backup))) }
            } else if response.backups.isEmpty {
                print("no backups")
            } else {
                print(BackupPrinter.table(response.backups))
            }
        }
    }
}
