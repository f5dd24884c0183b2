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
        An access token is read from TRADEBOT_TOKEN when set.
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

    /// The call's deadline and, when `TRADEBOT_TOKEN` is set, its bearer token.
    static func callOptions(seconds: Double) -> CallOptions {
        var metadata = Metadata()
        if let token = ProcessInfo.processInfo.environment["TRADEBOT_TOKEN"], !token.isEmpty {
            metadata.add("authorization", "Bearer " + token)
        }
        return .timeout(.milliseconds(Int(seconds * 1000)), metadata: metadata)
    }
}
