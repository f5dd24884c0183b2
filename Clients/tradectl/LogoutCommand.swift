import ArgumentParser
import Foundation
import RPCCore
import TradingProtocol

/// `tradectl logout`: revokes the saved session on the server (`Auth.Logout`) and deletes it locally.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "End the saved session (and, with --all, every session of the user).")

    @OptionGroup var options: ClientOptions

    @Flag(name: .long, help: "Also end every other session of this user.")
    var all = false

    func run() async throws {
        try await reportingFailures {
            let usingSaved = options.explicitToken(environment: ProcessInfo.processInfo.environment) == nil
            let (client, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            let callOptions = try await ServerConnection.callOptions(options, client: client)
            var request = TradebotV1.LogoutRequest()
            // Read after callOptions: a refresh there rotates the saved refresh token.
            request.refreshToken = usingSaved ? (SavedLogin.load()?.refreshToken ?? "") : ""
            request.allSessions = all
            do throws(RPCError) {
                _ = try await client.call(TradebotV1.Auth.logout, request, options: callOptions)
            } catch {
                throw CommandFailure(error)
            }
            if usingSaved { SavedLogin.remove() }
            print(options.json ? "{\"logged_out\":true}" : "logged out")
        }
    }
}
