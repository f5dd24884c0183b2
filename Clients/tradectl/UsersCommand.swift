import ArgumentParser
import Foundation
import RPCCore
import TradingProtocol

/// `tradectl users …`: the admin user RPCs (list, create, set-role, disable).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage user accounts (admin).",
        subcommands: [List.self, Create.self, SetRole.self, Disable.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var options: ClientOptions
        @Flag(name: .long, help: "Include disabled users.") var all = false

        func run() async throws {
            var request = TradebotV1.ListUsersRequest()
            request.includeDisabled = all
            let response = try await AdminCall.run(options, TradebotV1.Admin.listUsers, request)
            if options.json {
                for user in response.users { print(UsersCommand.json(user)) }
            } else {
                print("USERNAME".padding(toLength: 24, withPad: " ", startingAt: 0) + "ROLE      ENABLED")
                for user in response.users {
                    print(user.username.padding(toLength: 24, withPad: " ", startingAt: 0)
                          + RoleName.text(user.role).padding(toLength: 10, withPad: " ", startingAt: 0)
                          + (user.enabled ? "yes" : "no"))
                }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user (password from stdin, TRADEBOT_PASSWORD or a prompt).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "User name (lower-case letters, digits, . _ -).") var username: String
        @Option(help: "admin, trader or observer.") var role: String
        @Flag(name: .long, help: "Read the new user's password from standard input.") var passwordStdin = false

        func run() async throws {
            var request = TradebotV1.CreateUserRequest()
            request.username = username
            request.role = try RoleName.parse(role)
            request.password = try PasswordInput.read(fromStdin: passwordStdin, prompt: "Password for the new user \(username): ")
            let response = try await AdminCall.run(options, TradebotV1.Admin.createUser, request)
            UsersCommand.report(response.user, verb: "created", json: options.json)
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a user's role (ends their sessions).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "User name.") var username: String
        @Argument(help: "admin, trader or observer.") var role: String

        func run() async throws {
            var request = TradebotV1.SetUserRoleRequest()
            request.username = username
            request.role = try RoleName.parse(role)
            let response = try await AdminCall.run(options, TradebotV1.Admin.setUserRole, request)
            UsersCommand.report(response.user, verb: "updated", json: options.json)
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user; their tokens stop working at once.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "Why (kept in the audit trail).") var reason: String = ""

        func run() async throws {
            var request = TradebotV1.DisableUserRequest()
            request.username = username
            request.reason = reason
            let response = try await AdminCall.run(options, TradebotV1.Admin.disableUser, request)
            UsersCommand.report(response.user, verb: "disabled", json: options.json)
        }
    }

    static func json(_ user: TradebotV1.User) -> String {
        "{\"username\":\(JSONText.quote(user.username)),\"role\":\"\(RoleName.text(user.role))\",\"enabled\":\(user.enabled)}"
    }

    static func report(_ user: TradebotV1.User?, verb: String, json: Bool) {
        guard let user else { return }
        print(json ? Self.json(user) : "\(verb) \(user.username) (\(RoleName.text(user.role)), \(user.enabled ? "enabled" : "disabled"))")
    }
}

/// One authenticated unary call with the shared options. A failure prints `error: <STATUS>: <message>`
/// on standard error and exits with status 1, like every other command.
enum AdminCall {
    static func run<Request, Response>(_ options: ClientOptions, _ method: RPCMethod<Request, Response>,
                                       _ request: Request) async throws -> Response {
        do {
            let (client, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            let callOptions = try await ServerConnection.callOptions(options, client: client)
            do throws(RPCError) {
                return try await client.call(method, request, options: callOptions)
            } catch {
                throw CommandFailure(error)
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}
