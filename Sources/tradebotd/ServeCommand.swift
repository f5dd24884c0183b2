import ArgumentParser

/// Runs the server (the default subcommand).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the server.")
    func run() async throws {
        throw ValidationError("serve: not built yet")
    }
}
