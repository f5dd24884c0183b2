import ArgumentParser
import Foundation
import RPCCore

/// `tradectl backup create|list|verify`: the server's online backups (admin only).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Create, list and verify the server's backups (admin).",
        discussion: """
        The server writes backups to <data>/backups/<UTC stamp>/ while it keeps trading. Restore is \
        offline: stop the server, then run `tradebotd restore --from <dir>` on its host. \
        The bearer token is --token, else TRADEBOT_TOKEN, else the session saved by `tradectl login`.
        """,
        subcommands: [BackupCreateCommand.self, BackupListCommand.self, BackupVerifyCommand.self])

    /// Options shared by the backup subcommands beyond `ClientOptions`.
    struct Options: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("Seconds to wait for the server to finish a backup or verification (--timeout bounds connecting).", valueName: "seconds"))
        var wait: Double = 3600

        @Flag(name: .long, help: "Do not show the phase and elapsed time on standard error.")
        var quiet = false

        func validate() throws {
            guard wait > 0, wait <= 86_400 else { throw ValidationError("--wait must be between 0 and 86400 seconds") }
        }
    }

    /// The call's deadline (`seconds`) and the bearer token every command uses: `--token`, then
    /// `TRADEBOT_TOKEN`, then the session saved by `tradectl login`.
    static func callOptions(seconds: Double, _ options: ClientOptions, client: RPCClient) async throws -> CallOptions {
        let metadata = try await ServerConnection.callOptions(options, client: client).metadata
        return .timeout(.milliseconds(Int(seconds * 1000)), metadata: metadata)
    }
}
