import ArgumentParser
import Foundation
import RPCCore
import TradingProtocol

/// `tradectl tokens …`: API tokens for service accounts (create, list, revoke; admin).
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Manage API tokens for external systems (admin).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token; it is printed once, store it safely.")
        @OptionGroup var options: ClientOptions
        @Option(help: "A label, e.g. backtest-runner.") var name: String
        @Option(help: "admin, trader or observer.") var role: String
        @Option(help: ArgumentHelp("Lifetime in seconds (0 = the server default, 90 days).", valueName: "seconds"))
        var ttl: Int64 = 0

        func run() async throws {
            var request = TradebotV1.CreateApiTokenRequest()
            request.name = name
            request.role = try RoleName.parse(role)
            request.ttlSeconds = ttl
            let response = try await AdminCall.run(options, TradebotV1.Admin.createApiToken, request)
            let id = response.info?.tokenID ?? ""
            if options.json {
                print("{\"token_id\":\(JSONText.quote(id)),\"token\":\(JSONText.quote(response.token))}")
            } else {
                print("token id: \(id)")
                print("token: \(response.token)")
                print("(shown once; the server keeps only its hash)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API tokens (never the secrets).")
        @OptionGroup var options: ClientOptions
        @Flag(name: .long, help: "Include revoked tokens.") var all = false

        func run() async throws {
            var request = TradebotV1.ListApiTokensRequest()
            request.includeRevoked = all
            let response = try await AdminCall.run(options, TradebotV1.Admin.listApiTokens, request)
            for token in response.tokens {
                if options.json {
                    print("{\"token_id\":\(JSONText.quote(token.tokenID)),\"name\":\(JSONText.quote(token.name)),"
                          + "\"role\":\"\(RoleName.text(token.role))\",\"created_by\":\(JSONText.quote(token.createdBy)),"
                          + "\"revoked\":\(token.revoked)}")
                } else {
                    print("\(token.tokenID)  \(token.name)  \(RoleName.text(token.role))  by \(token.createdBy)"
                          + (token.revoked ? "  REVOKED" : ""))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by id.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Token id (from 'tokens list').") var tokenID: String
        @Option(help: "Why (kept in the audit trail).") var reason: String = ""

        func run() async throws {
            var request = TradebotV1.RevokeTokenRequest()
            request.tokenID = tokenID
            request.reason = reason
            _ = try await AdminCall.run(options, TradebotV1.Admin.revokeToken, request)
            print(options.json ? "{\"revoked\":\(JSONText.quote(tokenID))}" : "revoked \(tokenID)")
        }
    }
}
