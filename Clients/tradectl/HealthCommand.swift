import ArgumentParser
import RPCCore
import TradingProtocol

/// `tradectl health`: asks `grpc.health.v1.Health/Check`, prints the status, exits 0 only when SERVING.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check whether the server (or one of its services) is serving.",
        discussion: "Prints SERVING or NOT_SERVING. Exit status: 0 serving, 1 not serving or the call failed.")

    @OptionGroup var options: ClientOptions

    @Option(help: ArgumentHelp("Service to ask about; empty means the whole server.", valueName: "name"))
    var service: String = ""

    func run() async throws {
        try await reportingFailures {
            let (client, connection) = try await ServerConnection.open(options)
            defer { Task { await connection.close() } }
            let method = MethodDescriptor(service: GRPCHealthV1.Health.serviceName, method: "Check", kind: .unary)
            let response: GRPCHealthV1.HealthCheckResponse
            do throws(RPCError) {
                response = try await client.unary(method, request: GRPCHealthV1.HealthCheckRequest(service: service),
                                                  options: .timeout(.milliseconds(Int(options.timeout * 1000))))
            } catch {
                throw CommandFailure(error)
            }
            let name: String = switch response.status {
            case .serving: "SERVING"
            case .notServing: "NOT_SERVING"
            case .serviceUnknown: "SERVICE_UNKNOWN"
            case .unknown: "UNKNOWN"
            case .unrecognized(let raw): "STATUS_\(raw)"
            }
            if options.json {
                print("{\"status\":\"\(name)\"}")
            } else {
                print(name)
            }
            if response.status != .serving { throw ExitCode(1) }
        }
    }
}
