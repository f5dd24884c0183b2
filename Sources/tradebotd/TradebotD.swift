import ArgumentParser

/// `tradebotd`: the trading server. With no subcommand it serves (`serve`).
@main
struct TradebotD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradebotd",
        abstract: "Self-hosted automated trading server (gRPC over HTTP/2 + TLS 1.3).",
        version: BuildInfo.version,
        subcommands: [ServeCommand.self, BacktestCommand.self, RestoreCommand.self, VerifyBackupCommand.self, RebuildProjectionsCommand.self, RotateJWTKeyCommand.self, BenchAuthCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
