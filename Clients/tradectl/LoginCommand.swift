import ArgumentParser
import Foundation
import RPCCore
import TradingProtocol

/// `tradectl login`: `Auth.Login`, then saves the session (0600) for later commands.
///
/// The password is read from standard input with `--password-stdin` (scripts), else from
/// `TRADEBOT_PASSWORD`, else prompted for without echo. Never a flag: flags end up in shell history
/// and in `ps`.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in and save the session for later commands.",
        discussion: "Saves the tokens to $XDG_CONFIG_HOME/tradectl/session.json (else ~/.config/tradectl/), mode 0600.")

    @OptionGroup var options: ClientOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("User name.", valueName: "name"))
    var username: String

    @Flag(name: .long, help: "Read the password from standard input (one line).")
    var passwordStdin = false

    func run() async throws {
        try await reportingFailures {
            let password = try PasswordInput.read(fromStdin: passwordStdin, prompt: "Password for \(username): ")
            let (client, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            var request = TradebotV1.LoginRequest()
            request.username = username
            request.password = password
            let response: TradebotV1.LoginResponse
            do throws(RPCError) {
                response = try await client.call(TradebotV1.Auth.login, request,
                                                 options: .timeout(.milliseconds(Int(options.timeout * 1000))))
            } catch {
                throw CommandFailure(error)
            }
            let server = options.serverAddress(environment: ProcessInfo.processInfo.environment)
            let principal = response.principal
            try SavedLogin(server: server, username: principal?.subject ?? username, accessToken: response.accessToken,
                           refreshToken: response.refreshToken,
                           accessExpiresAt: response.accessExpiresAt?.seconds ?? 0).save()
            let role = principal.map { RoleName.text($0.role) } ?? "unknown"
            if options.json {
                print("{\"username\":\(JSONText.quote(principal?.subject ?? username)),\"role\":\"\(role)\",\"session\":\(JSONText.quote(SavedLogin.path))}")
            } else {
                print("logged in as \(principal?.subject ?? username) (\(role)); session saved to \(SavedLogin.path)")
            }
        }
    }
}
