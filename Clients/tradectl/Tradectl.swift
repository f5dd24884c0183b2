import ArgumentParser

/// `tradectl`: the command-line client for traders and admins.
@main
struct Tradectl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradectl",
        abstract: "Command-line client for tradebotd.",
        discussion: """
        Exit status: 0 success; 1 the call failed (printed as `error: <gRPC STATUS>: <message>`); \
        2 `status` found a component down or an SLA missed; 64 bad usage. \
        Server and CA default from TRADEBOT_SERVER and TRADEBOT_CA. The bearer token is --token, else \
        TRADEBOT_TOKEN, else the session saved by `tradectl login` (refreshed when it has expired).
        """,
        subcommands: [HealthCommand.self, StatusCommand.self, OrdersCommand.self, FillsCommand.self, PositionsCommand.self,
                      PortfolioCommand.self, RiskCommand.self, InstrumentsCommand.self, QuoteCommand.self,
                      StrategiesCommand.self, SignalCommand.self, LoginCommand.self, LogoutCommand.self,
                      WhoAmICommand.self, UsersCommand.self, TokensCommand.self, BackupCommand.self, ConfigCommand.self]
    )
}
