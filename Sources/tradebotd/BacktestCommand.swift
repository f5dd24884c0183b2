import ArgumentParser

/// Runs a strategy over a CSV of bars through the real engine and paper broker.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backtest", abstract: "Replay a CSV through a strategy.")
    func run() async throws {
        throw ValidationError("backtest: not built yet")
    }
}
