import ArgumentParser

/// `tradectl`: the command-line client for traders and admins.
@main
struct Tradectl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradectl",
        abstract: "Command-line client for tradebotd.",
        subcommands: [HealthCommand.self, LoginCommand.self, LogoutCommand.self, WhoAmICommand.self,
                      UsersCommand.self, TokensCommand.self, BackupCommand.self]
    )
}
