import ArgumentParser
import RPCCore
import TradingProtocol

/// `tradectl whoami`: `Auth.WhoAmI` with the current credentials.
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show who the server thinks you are.")

    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await reportingFailures {
            let (client, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            let callOptions = try await ServerConnection.callOptions(options, client: client)
            let principal: TradebotV1.Principal?
            do throws(RPCError) {
                principal = try await client.call(TradebotV1.Auth.whoAmI, .init(), options: callOptions).principal
            } catch {
                throw CommandFailure(error)
            }
            let subject = principal?.subject ?? ""
            let role = principal.map { RoleName.text($0.role) } ?? "unknown"
            let kind = principal?.kind == .apiToken ? "api-token" : "user"
            if options.json {
                print("{\"subject\":\(JSONText.quote(subject)),\"role\":\"\(role)\",\"kind\":\"\(kind)\"}")
            } else {
                print("\(subject) (\(role), \(kind))")
            }
        }
    }
}
